import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { requestCancel } from './cancel-bus.ts';
import { findTargetJobs } from './list-repo-jobs.ts';
import { DEFAULT_PREFIX } from './queue-names.ts';
import { removeUnlessActive } from './remove-unless-active.ts';
import type { RunJobData } from './run-job-data.ts';

export interface CancelTargetJobsOptions {
  queue: Queue<RunJobData>;
  redis: Redis;
  repoId: number;
  target: Pick<RunJobData['target'], 'type' | 'number'>;
  /** Becomes the failure message `cancelled: <reason>`, e.g. `by @octocat`. */
  reason: string;
}

/** What {@link cancelTargetJobs} did, to tell the user. */
export interface CancelledJobs {
  /** Queued runs removed before they started. */
  removed: string[];
  /** Running runs asked to stop; each ends failed with `cancelled: <reason>` once its worker has stopped it. */
  cancelling: string[];
}

/**
 * Cancels every queued and running run on a pull request or issue (`/perf cancel`, or the pull request
 * closed). A queued run that a worker takes between the listing and its removal is cancelled like a running
 * one: the worker finds the cancel flag before the run's body starts, or gets the message once it has.
 */
export async function cancelTargetJobs(options: CancelTargetJobsOptions): Promise<CancelledJobs> {
  const { queue, redis, reason } = options;
  const scope = { prefix: queue.opts.prefix ?? DEFAULT_PREFIX, queueName: queue.name };
  const result: CancelledJobs = { removed: [], cancelling: [] };
  for (const listed of await findTargetJobs(queue, options.repoId, options.target)) {
    if (listed.state !== 'active' && (await wakeToCancel(queue, redis, listed.id, reason, scope))) {
      result.cancelling.push(listed.id);
      continue;
    }
    const outcome = listed.state === 'active' ? 'active' : await removeQueued(queue, listed.id);
    if (outcome === 'removed') result.removed.push(listed.id);
    if (outcome === 'active') {
      await requestCancel(redis, listed.id, reason, scope);
      result.cancelling.push(listed.id);
    }
  }
  return result;
}

/**
 * A run that already started and is now delayed (parked at MONITOR, or waiting to retry) owns a status comment
 * and a check run: removing it would leave them saying "waiting". It is flagged and promoted instead, so a worker
 * starts it at once, sees the flag and stops it through the run's own cancellation path, which reports.
 */
async function wakeToCancel(
  queue: Queue<RunJobData>,
  redis: Redis,
  jobId: string,
  reason: string,
  scope: { prefix: string; queueName: string },
): Promise<boolean> {
  const job = await queue.getJob(jobId);
  if (job === undefined || job.attemptsStarted === 0) return false;
  await requestCancel(redis, jobId, reason, scope);
  if ((await job.getState()) === 'delayed') await job.promote().catch(() => undefined);
  return true;
}

async function removeQueued(queue: Queue<RunJobData>, jobId: string): Promise<'removed' | 'active' | 'gone'> {
  const job = await queue.getJob(jobId);
  return job === undefined ? 'gone' : removeUnlessActive(job);
}
