import { processBenchRun } from './process-bench-run.ts';
import { processCalibrateRun } from './process-calibrate-run.ts';
import { processOptimizeRun } from './process-optimize-run.ts';
import type { RunDeps, RunJob } from './run-deps.ts';

/** The run worker's processor: one activation of a run job, by its kind. Returns what the job's result records. */
export async function runJob(job: RunJob, signal: AbortSignal, deps: RunDeps): Promise<unknown> {
  switch (job.data.kind) {
    case 'optimize':
      return processOptimizeRun(job, signal, deps);
    case 'calibrate':
      await processCalibrateRun(job, signal, deps);
      return { type: 'calibrated' };
    case 'bench':
      return processBenchRun(job, signal, deps);
  }
}
