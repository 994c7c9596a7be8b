import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { isRetryable, SuspendRunError } from '../domain/errors.ts';
import { isShutdown } from '../domain/cancel-reason.ts';

/** A processor of Perfbot's: gets the job and an AbortSignal that fires on cancellation or shutdown. */
export type JobProcessor<Data> = (job: Job<Data>, signal: AbortSignal) => Promise<unknown>;

export interface JobPolicyContext<Data> {
  job: Job<Data>;
  token: string;
  signal: AbortSignal;
  /** True once the worker began shutting down; only then does a `shutdown` abort mean "requeue". */
  isShuttingDown: () => boolean;
}

/**
 * Runs `processor` and turns its outcome into what BullMQ should do — the one place that maps errors to queue
 * behaviour:
 * - aborted because the worker is shutting down → the job goes back to the queue at once (`moveToDelayed(now)`
 *   + `DelayedError`), without using up an attempt, for another worker to run from the start;
 * - aborted for any other reason (a cancel) → fails for good: `UnrecoverableError('cancelled: <reason>')`;
 * - a suspended run (`SuspendRunError`) → thrown as is, for the worker to park the job after freeing its slots;
 * - an error no retry can fix (`isRetryable`: a user error, a corrupt checkpoint) → fails for good with its
 *   message: the same input or state fails the same way;
 * - any other error → thrown as is, so BullMQ retries it with backoff while attempts remain.
 * Once the signal has fired the abort decides, whether the processor then threw or returned early.
 */
export async function runWithJobPolicy<Data>(
  processor: JobProcessor<Data>,
  context: JobPolicyContext<Data>,
): Promise<unknown> {
  const { job, signal } = context;
  let result: unknown;
  try {
    result = await processor(job, signal);
  } catch (error) {
    if (signal.aborted) throw await abortedError(context);
    if (error instanceof UnrecoverableError || error instanceof DelayedError || error instanceof SuspendRunError)
      throw error;
    if (!isRetryable(error)) throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
    throw error;
  }
  if (signal.aborted) throw await abortedError(context);
  return result;
}

async function abortedError<Data>({ job, token, signal, isShuttingDown }: JobPolicyContext<Data>): Promise<Error> {
  if (isShuttingDown() && isShutdown(signal)) {
    await job.moveToDelayed(Date.now(), token);
    return new DelayedError();
  }
  return new UnrecoverableError(`cancelled: ${String(signal.reason)}`);
}
