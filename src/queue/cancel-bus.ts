import type { Redis } from 'ioredis';
import { z } from 'zod';
import { DEFAULT_PREFIX, perfbotKey, RUN_QUEUE } from './queue-names.ts';

/*
 * BullMQ cancels only jobs running on the worker it is asked (`worker.cancelJob`), so cancelling across
 * processes needs a channel of its own. A request is both published, for the worker running the job now,
 * and stored for a day, for a worker that starts it later and for one whose subscription missed the message
 * while reconnecting (ioredis re-subscribes, but messages sent in between are lost).
 */

const CANCEL_MEMORY_SECONDS = 24 * 60 * 60;

/** Which queue a job id belongs to: ids are unique only within one queue. */
export interface CancelScope {
  /** Default `bull`. */
  prefix?: string;
  /** Default the run queue. */
  queueName?: string;
}

/** One cancellation request, as published. */
export const CancelMessage = z.strictObject({ queueName: z.string(), jobId: z.string(), reason: z.string() });
export type CancelMessage = z.infer<typeof CancelMessage>;

/** The channel of cancellation requests for queues under `prefix`: `<prefix>:perfbot:cancel`. */
export function cancelChannel(prefix = DEFAULT_PREFIX): string {
  return perfbotKey(prefix, 'cancel');
}

/**
 * Asks whichever worker runs (or will run) the job to stop it, with a reason for the job's failure message.
 * The flag is stored before the message is published, so a worker that misses the message finds the flag.
 */
export async function requestCancel(
  redis: Redis,
  jobId: string,
  reason: string,
  scope: CancelScope = {},
): Promise<void> {
  const queueName = scope.queueName ?? RUN_QUEUE;
  await redis.set(cancelledKey(scope, jobId), reason, 'EX', CANCEL_MEMORY_SECONDS);
  const message: CancelMessage = { queueName, jobId, reason };
  await redis.publish(cancelChannel(scope.prefix), JSON.stringify(message));
}

/** The reason given when cancellation of the job was requested in the last day, or undefined. */
export async function isCancelRequested(
  redis: Redis,
  jobId: string,
  scope: CancelScope = {},
): Promise<string | undefined> {
  return (await redis.get(cancelledKey(scope, jobId))) ?? undefined;
}

/**
 * Calls `onCancel` for every cancellation request published for queues under `prefix`. `subscriber` must be a
 * connection used for nothing else (Redis allows only pub/sub commands on it once subscribed), and one
 * subscription per connection: the returned function unsubscribes the channel.
 */
export async function subscribeCancels(
  subscriber: Redis,
  onCancel: (message: CancelMessage) => void,
  prefix = DEFAULT_PREFIX,
): Promise<() => Promise<void>> {
  const channel = cancelChannel(prefix);
  const listener = (from: string, text: string) => {
    if (from !== channel) return;
    const message = CancelMessage.safeParse(parseJson(text));
    if (message.success) onCancel(message.data);
  };
  subscriber.on('message', listener);
  await subscriber.subscribe(channel);
  return async () => {
    subscriber.off('message', listener);
    await subscriber.unsubscribe(channel);
  };
}

function cancelledKey(scope: CancelScope, jobId: string): string {
  return perfbotKey(scope.prefix ?? DEFAULT_PREFIX, 'cancelled', scope.queueName ?? RUN_QUEUE, jobId);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
