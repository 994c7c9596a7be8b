import type { Queue } from 'bullmq';
import { LIVE_JOB_TYPES } from './live-job-state.ts';
import { readRunJobData } from './read-run-job-data.ts';
import { removeUnlessActive } from './remove-unless-active.ts';
import type { RunJobData } from './run-job-data.ts';
import { runTargetKey } from './run-job-key.ts';

/** Older runs of the same target that a new head commit made pointless. */
export interface SupersededRuns {
  /** Waiting or delayed jobs that were removed before they started. */
  removed: string[];
  /** Jobs already running, left alone: stopping them is the user's call (`/perf cancel`). */
  running: string[];
}

/**
 * Removes the waiting and delayed runs of the same kind on the same target for another head commit than
 * `latest`'s, and reports the running ones. Reads every live job of the queue: Perfbot's queues hold tens of
 * jobs, not thousands.
 */
export async function supersedeOlderRuns(
  queue: Queue<RunJobData>,
  latest: RunJobData,
  latestJobId: string,
): Promise<SupersededRuns> {
  const superseded: SupersededRuns = { removed: [], running: [] };
  const target = runTargetKey(latest);
  for (const job of await queue.getJobs([...LIVE_JOB_TYPES])) {
    const data = readRunJobData(job.data);
    if (job.id === undefined || job.id === latestJobId || data === undefined) continue;
    if (runTargetKey(data) !== target || data.headSha === latest.headSha) continue;
    const outcome = await removeUnlessActive(job);
    if (outcome === 'removed') superseded.removed.push(job.id);
    if (outcome === 'active') superseded.running.push(job.id);
  }
  return superseded;
}
