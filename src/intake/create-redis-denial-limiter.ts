import type { Redis } from 'ioredis';
import { perfbotKey } from '../queue/queue-names.ts';
import type { DenialLimiter } from './denial-limiter.ts';

/** One denial reply per user per pull request (or issue) per hour. */
export const DENIAL_REPLY_WINDOW_SECONDS = 60 * 60;

/**
 * The limiter in Redis: `<prefix>:perfbot:denied:<repoId>:<number>:<userId>` holds the delivery that was answered,
 * set with `SET NX EX` for an hour. The same delivery may answer again (a retried intake job re-upserts its own
 * reply); any other delivery in that hour may not.
 */
export function createRedisDenialLimiter(redis: Redis, prefix: string): DenialLimiter {
  return {
    async mayReply({ repoId, number, userId, deliveryId }) {
      const key = perfbotKey(prefix, 'denied', repoId, number, userId);
      if ((await redis.set(key, deliveryId, 'EX', DENIAL_REPLY_WINDOW_SECONDS, 'NX')) === 'OK') return true;
      return (await redis.get(key)) === deliveryId;
    },
  };
}
