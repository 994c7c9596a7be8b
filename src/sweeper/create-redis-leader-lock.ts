import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Extends the lock only while this holder still owns it. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
/** Deletes the lock only while this holder still owns it. */
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface LeaderLock {
  /** Takes the lock when it is free, or extends it when this holder has it; true while this holder leads. */
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * A lease in Redis (`SET key token NX PX ttl`, renewed by compare-and-expire): at most one holder at a time,
 * and a holder that dies loses it after `ttlMs`, so another server takes over.
 */
export function createRedisLeaderLock(redis: Redis, key: string, ttlMs: number): LeaderLock {
  const token = randomUUID();
  return {
    async hold() {
      if ((await redis.eval(RENEW, 1, key, token, String(ttlMs))) === 1) return true;
      return (await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async release() {
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}
