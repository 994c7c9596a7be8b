import type { ProcessTree } from './create-process-tree.ts';

/** Peaks seen while a run was sampled. */
export interface TreeSamples {
  /** Largest sum of the members' resident memory seen by any sample, in bytes. */
  peakRssBytes: number;
  /** Largest sum of the members' CPU (own + reaped children) seen by any sample, in ns. */
  cpuNs: number;
}

/** Sample fast at first so short runs still get a few memory samples, then every 15 ms. */
const DELAYS_MS = [1, 2, 4, 8];
const INTERVAL_MS = 15;

/**
 * Samples the tree now and then on a timer until `stop()`. Sampling, not accounting: a memory peak that
 * lives shorter than the interval can be missed (a run of a few ms may get only the first samples), and
 * the sum of RSS counts pages shared between processes (libraries, copy-on-write after fork) once per
 * process, so it over-states trees that share a lot. cgroup v2 `memory.peak` would be exact — see report.
 */
export function sampleProcessTree(tree: ProcessTree): { stop(): TreeSamples } {
  const samples: TreeSamples = { peakRssBytes: 0, cpuNs: 0 };
  let count = 0;
  let timer: NodeJS.Timeout | undefined;
  const sample = () => {
    let rss = 0;
    let cpu = 0;
    for (const process of tree.scan()) {
      rss += process.rssBytes;
      cpu += process.cpuNs;
    }
    samples.peakRssBytes = Math.max(samples.peakRssBytes, rss);
    samples.cpuNs = Math.max(samples.cpuNs, cpu);
    timer = setTimeout(sample, DELAYS_MS[count++] ?? INTERVAL_MS);
  };
  sample();
  return {
    stop() {
      clearTimeout(timer);
      return { ...samples };
    },
  };
}
