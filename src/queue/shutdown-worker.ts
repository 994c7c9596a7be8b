import type { Worker } from 'bullmq';
import type { QueueLog } from './queue-log.ts';
import { SHUTDOWN_REASON } from '../domain/cancel-reason.ts';

export interface ShutdownOptions {
  /** How long running jobs may take to finish on their own. */
  graceMs: number;
  /** After aborting them, how long to wait for processors to stop; default 10 s. */
  abortGraceMs?: number;
  log: QueueLog;
}

/**
 * Closes a worker gracefully: it stops taking jobs at once, running jobs get `graceMs` to finish, then
 * their signals are aborted with {@link SHUTDOWN_REASON}, which `runWithJobPolicy` turns into "back to the
 * queue". A processor that ignores its signal is left behind after `abortGraceMs`: its lock expires and
 * BullMQ's stalled-job check hands the job to another worker. The caller must have marked itself shutting
 * down before calling this. Resolves once the worker is closed or given up on.
 */
export async function shutdownWorker(worker: Worker, options: ShutdownOptions): Promise<void> {
  const closed = worker.close();
  if (await settlesWithin(closed, options.graceMs)) return;
  const meta = { queue: worker.name, graceMs: options.graceMs };
  options.log.warn(meta, 'jobs still running after the grace period; requeueing them');
  worker.cancelAllJobs(SHUTDOWN_REASON);
  const abortGraceMs = options.abortGraceMs ?? 10_000;
  if (await settlesWithin(closed, abortGraceMs)) return;
  options.log.error(
    { queue: worker.name, abortGraceMs },
    'jobs ignored the abort; leaving them to the stalled-job check',
  );
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
