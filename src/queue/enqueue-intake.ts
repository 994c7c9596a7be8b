import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { IntakeJobData } from './intake-job-data.ts';
import { DEFAULT_PREFIX, perfbotKey } from './queue-names.ts';
import { QueueUnavailableError } from '../domain/errors.ts';
import { withTimeout } from './with-timeout.ts';

/** GitHub lets an admin redeliver an event for 30 days, so a delivery is remembered that long. */
export const DELIVERY_MEMORY_SECONDS = 30 * 24 * 60 * 60;

/**
 * Intake jobs are short (authorize, reply, enqueue a run); transient GitHub or Redis errors are retried.
 * Completed jobs are kept for the same 30 days so that BullMQ's own duplicate-jobId check still catches a
 * redelivery; the delivery key below catches it after the job was trimmed (count) or removed by hand.
 */
export const INTAKE_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: DELIVERY_MEMORY_SECONDS, count: 10_000 },
  removeOnFail: { age: DELIVERY_MEMORY_SECONDS, count: 10_000 },
} as const satisfies JobsOptions;

export interface EnqueueIntakeOptions {
  /** The same connection the queue uses (the producer's). */
  redis: Redis;
  /**
   * Reject with {@link QueueUnavailableError} after this long; default 2000 ms. A producer connection fails fast
   * once it has been connected, but BullMQ waits without limit for the first connection, so this bounds it.
   */
  timeoutMs?: number;
}

/**
 * Enqueues one webhook delivery for the intake worker, at most once per `deliveryId`: the job id is
 * `gh-<deliveryId>` (BullMQ ignores an add with an existing id), and after a successful add the key
 * `<prefix>:perfbot:delivery:<deliveryId>` is set with `SET NX EX` for 30 days, the durable record that
 * outlives the job. It is written after the add, never before, so a failed add leaves nothing that would
 * swallow GitHub's redelivery; and whichever of two racing adds sets it first is the one that reports
 * `enqueued: true`. Finishing after a timeout is harmless for the same reasons.
 *
 * Throws `ZodError` for data that is not an intake request, and {@link QueueUnavailableError} for anything
 * Redis did wrong, which the webhook handler answers with 503.
 */
export async function enqueueIntake(
  queue: Queue<IntakeJobData>,
  data: IntakeJobData,
  options: EnqueueIntakeOptions,
): Promise<{ enqueued: boolean; jobId: string }> {
  const parsed = IntakeJobData.parse(data);
  const timeoutMs = options.timeoutMs ?? 2000;
  const unavailable = () => new QueueUnavailableError(`Redis did not accept the intake job within ${timeoutMs} ms`);
  try {
    return await withTimeout(addOnce(queue, parsed, options.redis), timeoutMs, unavailable);
  } catch (error) {
    if (error instanceof QueueUnavailableError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new QueueUnavailableError(`Redis refused the intake job: ${message}`, { cause: error });
  }
}

async function addOnce(queue: Queue<IntakeJobData>, data: IntakeJobData, redis: Redis) {
  // A fresh connection rejects commands until it is ready (no offline queue); BullMQ's wait covers that.
  await queue.waitUntilReady();
  const jobId = `gh-${data.deliveryId}`;
  const deliveryKey = perfbotKey(queue.opts.prefix ?? DEFAULT_PREFIX, 'delivery', data.deliveryId);
  if ((await redis.exists(deliveryKey)) === 1) return { enqueued: false, jobId };
  const existing = await queue.getJob(jobId);
  if (existing === undefined) await queue.add('intake', data, { ...INTAKE_JOB_OPTIONS, jobId });
  // Also set when the job existed: a crash between an earlier add and this line left the key missing.
  const claimed = await redis.set(deliveryKey, jobId, 'EX', DELIVERY_MEMORY_SECONDS, 'NX');
  return { enqueued: existing === undefined && claimed === 'OK', jobId };
}
