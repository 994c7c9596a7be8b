import { type Job, UnrecoverableError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { IntakeJobData } from './intake-job-data.ts';
import { DEFAULT_PREFIX, INTAKE_QUEUE } from './queue-names.ts';
import type { QueueLog } from './queue-log.ts';
import { type JobProcessor, runWithJobPolicy } from './run-with-job-policy.ts';
import { shutdownWorker } from './shutdown-worker.ts';

export interface IntakeWorkerOptions {
  /** A `worker`-role connection (owned by the caller). */
  connection: Redis;
  prefix?: string;
  concurrency: number;
  /** Authorizes, replies and enqueues runs; gets only jobs whose data is a valid {@link IntakeJobData}. */
  processor: JobProcessor<IntakeJobData>;
  log: QueueLog;
  /** See `shutdownWorker`; default 10 s. */
  abortGraceMs?: number;
}

export interface IntakeWorker {
  worker: Worker<IntakeJobData>;
  /** Stops taking jobs, lets running ones finish for `graceMs`, requeues the rest, closes the worker. */
  shutdown(graceMs: number): Promise<void>;
}

/**
 * Starts the worker that turns deliveries into replies and runs. Transient errors are retried with the backoff
 * set by `enqueueIntake`; user errors and malformed job data fail at once (`runWithJobPolicy`).
 */
export function createIntakeWorker(options: IntakeWorkerOptions): IntakeWorker {
  const { log } = options;
  let shuttingDown = false;
  // Three parameters: BullMQ only creates a job's AbortController for processors declaring the signal.
  const processIntake = async (job: Job<IntakeJobData>, token?: string, signal?: AbortSignal): Promise<unknown> => {
    if (token === undefined || signal === undefined) throw new Error('BullMQ gave no lock token or signal');
    if (!IntakeJobData.safeParse(job.data).success)
      throw new UnrecoverableError('job data is not a valid intake request');
    return runWithJobPolicy(options.processor, { job, token, signal, isShuttingDown: () => shuttingDown });
  };
  const worker = new Worker<IntakeJobData>(INTAKE_QUEUE, processIntake, {
    connection: options.connection,
    prefix: options.prefix ?? DEFAULT_PREFIX,
    concurrency: options.concurrency,
  });
  worker.on('error', (error) => log.error({ queue: INTAKE_QUEUE, error: error.message }, 'intake worker error'));
  return {
    worker,
    async shutdown(graceMs) {
      shuttingDown = true;
      await shutdownWorker(worker, { graceMs, abortGraceMs: options.abortGraceMs, log });
    },
  };
}
