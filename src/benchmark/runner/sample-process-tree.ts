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
export function sampleProcessTree(
  tree: ProcessTree,
  /** Process names (`comm`) left out of the sums: the runner's or sandbox's own processes. */
  unmeasured: readonly string[],
  onSample?: (sample: { rssBytes: number; processes: number }) => void,
): { stop(): TreeSamples } {
  const samples: TreeSamples = { peakRssBytes: 0, cpuNs: 0 };
  let count = 0;
  let timer: NodeJS.Timeout | undefined;
  const sample = () => {
    let rss = 0;
    let cpu = 0;
    let measured = 0;
    const members = tree.scan();
    for (const process of members) {
      if (unmeasured.includes(process.comm)) continue;
      measured++;
      rss += process.rssBytes;
      cpu += process.cpuNs;
    }
    samples.peakRssBytes = Math.max(samples.peakRssBytes, rss);
    samples.cpuNs = Math.max(samples.cpuNs, cpu);
    onSample?.({ rssBytes: rss, processes: members.length });
    // The fast start of the schedule begins when the command's own processes do, not while a sandbox starts.
    if (measured === 0 && count === 0) timer = setTimeout(sample, 1);
    else timer = setTimeout(sample, DELAYS_MS[count++] ?? INTERVAL_MS);
  };
  sample();
  return {
    stop() {
      clearTimeout(timer);
      return { ...samples };
    },
  };
}
