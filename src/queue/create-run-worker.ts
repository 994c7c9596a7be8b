import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { isCancelRequested, subscribeCancels } from './cancel-bus.ts';
import { DEFAULT_PREFIX, RUN_QUEUE } from './queue-names.ts';
import type { QueueLog } from './queue-log.ts';
import { SuspendRunError } from '../domain/errors.ts';
import { readRunJobData } from './read-run-job-data.ts';
import { acquireRepoSlot, refreshRepoSlot, releaseRepoSlot } from './repo-slots.ts';
import { recordRunWait } from './run-waits.ts';
import type { RunJobData } from './run-job-data.ts';
import { type JobProcessor, runWithJobPolicy } from './run-with-job-policy.ts';
import { shutdownWorker } from './shutdown-worker.ts';
import { watchRunningJob } from './watch-running-job.ts';

export interface RunWorkerOptions {
  /** A `worker`-role connection (owned by the caller); also used for repo slots and cancel flags. */
  connection: Redis;
  /** A dedicated connection for the cancel channel (owned by the caller). */
  subscriber: Redis;
  prefix?: string;
  /** Jobs this process runs at once. */
  concurrency: number;
  /** Jobs of one repository that run at once across all workers. */
  repoLimit: number;
  processor: JobProcessor<RunJobData>;
  log: QueueLog;
  /** How long a repo slot is held without a refresh; default 2 min (a crashed worker's slot frees after it). */
  slotTtlMs?: number;
  /** How often a running job refreshes its slot and re-checks for a missed cancel; default 10 s. */
  watchIntervalMs?: number;
  /** How long a job whose repository is busy waits, delayed and out of the worker's slots; default 5 s. */
  slotRetryMs?: number;
  /** See `shutdownWorker`; default 10 s. */
  abortGraceMs?: number;
  /** How BullMQ tells a live job from a dead one; see {@link RUN_LOCK}. Tests shorten it. */
  lock?: Partial<RunLockSettings>;
  /**
   * Called once a job was given up on without running again (its workers died or froze more than
   * `maxStalledCount` times): the run's status comment and check runs must still say so. Errors are logged.
   */
  onAbandoned?: (job: Job<RunJobData>, reason: string) => Promise<void>;
}

export interface RunLockSettings {
  /** How long a job's lock lasts without renewal; the worker renews it every half of this. */
  durationMs: number;
  /** How often workers look for active jobs whose lock expired (their worker died) and requeue them. */
  stalledIntervalMs: number;
  /** Requeues of one job after a lost lock before it is failed instead. */
  maxStalledCount: number;
}

/**
 * Lock settings of run jobs, chosen for runs that take hours:
 * - the lock is renewed by a timer every minute, whatever the job is doing (benchmarks run in child processes, so
 *   the worker's event loop stays free however long a phase takes); two minutes without renewal means the
 *   worker is gone, and a stall check every minute finds it — so a dead worker's run restarts elsewhere
 *   within about three minutes;
 * - one requeue after a lost lock: a run whose worker died once is resumed (optimize runs from their
 *   checkpoint), but a run that kills or freezes its worker every time (a benchmark that eats the machine's
 *   memory) is not retried forever: the second lost lock fails it, and `onAbandoned` reports that on GitHub.
 */
export const RUN_LOCK: RunLockSettings = { durationMs: 120_000, stalledIntervalMs: 60_000, maxStalledCount: 1 };

/** True for BullMQ's failure of a job it gave up on without running it again (it stalled or started too often). */
export function isAbandonedRunError(error: Error): boolean {
  return /^job (stalled|started) more than allowable limit$/.test(error.message);
}

export interface RunWorker {
  worker: Worker<RunJobData>;
  /** Stops taking jobs, lets running ones finish for `graceMs`, requeues the rest, closes the worker. */
  shutdown(graceMs: number): Promise<void>;
}

/**
 * Starts the worker that executes bench and optimize runs. Around the processor it enforces the repository's
 * concurrency limit, honours cancellation requests from any process (`requestCancel`), and maps errors to
 * retries or final failures (`runWithJobPolicy`).
 */
export async function createRunWorker(options: RunWorkerOptions): Promise<RunWorker> {
  const { connection: redis, log } = options;
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const scope = { prefix, queueName: RUN_QUEUE };
  const slotTtlMs = options.slotTtlMs ?? 120_000;
  let shuttingDown = false;

  // Three parameters: BullMQ only creates a job's AbortController for processors declaring the signal.
  const processRun = async (job: Job<RunJobData>, token?: string, signal?: AbortSignal): Promise<unknown> => {
    const jobId = job.id;
    if (jobId === undefined || token === undefined || signal === undefined) {
      throw new Error('BullMQ gave no job id, lock token or signal');
    }
    const cancelled = await isCancelRequested(redis, jobId, scope);
    // A run that never started just ends; one that started before (parked, or retrying) runs its own
    // cancellation so that its status comment and check run say it was cancelled.
    if (cancelled !== undefined && job.attemptsStarted <= 1) throw new UnrecoverableError(`cancelled: ${cancelled}`);
    const data = readRunJobData(job.data);
    if (data === undefined) throw new UnrecoverableError('job data is not a valid run request');
    const slot = { repoId: data.repo.id, jobId, prefix, limit: options.repoLimit, ttlMs: slotTtlMs };
    if (!(await acquireRepoSlot(redis, slot))) {
      // Wait outside the worker: a delayed job holds no concurrency slot and uses no attempt.
      log.debug({ jobId, repoId: data.repo.id }, 'repository busy; delaying run');
      await job.moveToDelayed(Date.now() + (options.slotRetryMs ?? 5_000), token);
      throw new DelayedError();
    }
    const stopWatching = watchRunningJob(
      async () => {
        if (!(await refreshRepoSlot(redis, slot))) log.warn({ jobId }, 'repository slot expired while running');
        const reason = await isCancelRequested(redis, jobId, scope);
        if (reason !== undefined) worker.cancelJob(jobId, reason);
      },
      { intervalMs: options.watchIntervalMs ?? 10_000, log, jobId },
    );
    let suspended: SuspendRunError;
    if (cancelled !== undefined) setImmediate(() => worker.cancelJob(jobId, cancelled));
    try {
      return await runWithJobPolicy(options.processor, { job, token, signal, isShuttingDown: () => shuttingDown });
    } catch (error) {
      if (!(error instanceof SuspendRunError)) throw error;
      suspended = error;
    } finally {
      stopWatching();
      // A failed release must not mask the job's outcome; the hold then expires after slotTtlMs.
      await releaseRepoSlot(redis, slot).catch((error: unknown) =>
        log.warn({ jobId, error: String(error) }, 'could not release repository slot'),
      );
    }
    // Parked (MONITOR waiting for CI): delayed until the recheck time, holding neither a worker nor a repo slot.
    // The wait record lets intake promote the job as soon as the awaited webhook arrives.
    if (suspended.waitKey !== undefined) {
      await recordRunWait(
        redis,
        { prefix, repoId: data.repo.id, waitKey: suspended.waitKey },
        jobId,
        suspended.resumeAt,
      );
    }
    log.debug({ jobId, resumeAt: suspended.resumeAt, waitKey: suspended.waitKey }, 'run suspended; delaying');
    await job.moveToDelayed(suspended.resumeAt, token);
    throw new DelayedError();
  };

  const lock = { ...RUN_LOCK, ...options.lock };
  const worker = new Worker<RunJobData>(RUN_QUEUE, processRun, {
    connection: redis,
    prefix,
    concurrency: options.concurrency,
    autorun: false,
    lockDuration: lock.durationMs,
    stalledInterval: lock.stalledIntervalMs,
    maxStalledCount: lock.maxStalledCount,
  });
  worker.on('error', (error) => log.error({ queue: RUN_QUEUE, error: error.message }, 'run worker error'));
  worker.on('failed', (job, error) => {
    if (job === undefined || !isAbandonedRunError(error) || options.onAbandoned === undefined) return;
    log.error(
      { queue: RUN_QUEUE, jobId: job.id, err: error.message },
      'run abandoned after its workers stopped responding',
    );
    options
      .onAbandoned(job, error.message)
      .catch((reportError: unknown) =>
        log.error({ queue: RUN_QUEUE, jobId: job.id, err: String(reportError) }, 'could not report the abandoned run'),
      );
  });
  const unsubscribe = await subscribeCancels(
    options.subscriber,
    (message) => {
      if (message.queueName !== RUN_QUEUE) return;
      if (worker.cancelJob(message.jobId, message.reason)) log.info({ jobId: message.jobId }, 'cancelling run');
    },
    prefix,
  );
  worker.run().catch((error: unknown) => log.error({ queue: RUN_QUEUE, error: String(error) }, 'run worker stopped'));

  return {
    worker,
    async shutdown(graceMs) {
      shuttingDown = true;
      await shutdownWorker(worker, { graceMs, abortGraceMs: options.abortGraceMs, log });
      // Only now: a cancel sent during the grace period must still reach the jobs finishing here.
      await unsubscribe();
    },
  };
}
