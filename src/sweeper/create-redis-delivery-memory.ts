import type { Redis } from 'ioredis';
import { perfbotKey } from '../queue/queue-names.ts';
import type { DeliveryMemory } from './redeliver-failed-deliveries.ts';

/** Longer than any look-back window, so a GUID still in the window is never redelivered a second time. */
const REDELIVERY_MEMORY_SECONDS = 7 * 24 * 60 * 60;

/**
 * Delivery memory in Redis. "Received" is the key `enqueueIntake` sets after it enqueued a delivery
 * (`<prefix>:perfbot:delivery:<guid>`); the redelivery claim is `<prefix>:perfbot:redelivered:<guid>` (SET NX EX).
 */
export function createRedisDeliveryMemory(redis: Redis, prefix: string): DeliveryMemory {
  const claimKey = (guid: string) => perfbotKey(prefix, 'redelivered', guid);
  return {
    wasReceived: async (guid) => (await redis.exists(perfbotKey(prefix, 'delivery', guid))) === 1,
    claimRedelivery: async (guid) =>
      (await redis.set(claimKey(guid), String(Date.now()), 'EX', REDELIVERY_MEMORY_SECONDS, 'NX')) === 'OK',
    releaseRedelivery: async (guid) => {
      await redis.del(claimKey(guid));
    },
  };
}
