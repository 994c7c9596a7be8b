import type { Job, Worker } from 'bullmq';
import { isAbandonedRunError } from './create-run-worker.ts';
import type { RunJobData } from './run-job-data.ts';

/** How a run job's attempt ended, as the metrics label it. */
export type RunJobOutcome = 'completed' | 'failed' | 'retrying' | 'cancelled' | 'abandoned';

/** Where finished run jobs are counted (the `/metrics` histogram and counter). */
export type RunJobRecorder = (kind: RunJobData['kind'], outcome: RunJobOutcome, seconds: number) => void;

/** The outcome of a failed attempt: cancelled by a user, given up on after lost locks, retried, or final. */
export function failedOutcome(job: Pick<Job, 'attemptsMade' | 'opts'>, error: Error): RunJobOutcome {
  if (error.message.startsWith('cancelled:')) return 'cancelled';
  if (isAbandonedRunError(error)) return 'abandoned';
  return job.attemptsMade < (job.opts.attempts ?? 1) ? 'retrying' : 'failed';
}

/**
 * Records every finished attempt of the worker's run jobs: kind, outcome and how long the attempt ran (from when a
 * worker took it to when it finished). Parked runs (MONITOR waiting for CI) are not finished and are not counted.
 */
export function observeRunJobs(worker: Worker<RunJobData>, record: RunJobRecorder, now: () => number = Date.now): void {
  const seconds = (job: Job<RunJobData>) =>
    Math.max(0, ((job.finishedOn ?? now()) - (job.processedOn ?? now())) / 1000);
  worker.on('completed', (job) => record(job.data.kind, 'completed', seconds(job)));
  worker.on('failed', (job, error) => {
    if (job !== undefined) record(job.data.kind, failedOutcome(job, error), seconds(job));
  });
}
