import type { Redis } from 'ioredis';
import { DEFAULT_PREFIX, perfbotKey } from './queue-names.ts';

/*
 * A per-repository concurrency limit, which BullMQ OSS lacks: a sorted set per repository whose members
 * are the job ids holding a slot, scored by when the hold expires. A worker that dies stops refreshing and its
 * slot frees itself after `ttlMs`. Scripts read the clock of the Redis server, so workers on hosts whose clocks
 * disagree still agree on expiry.
 */

const NOW = "local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)";
/** The set itself expires with its last member, so idle repositories leave no keys behind. */
const EXPIRE_WITH_LAST = `local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] then redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(last[2]) - now)) end`;

/** Drops expired holds, then takes (or renews, for the same job id) a slot if one is free. */
const ACQUIRE = `${NOW}
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
  ${EXPIRE_WITH_LAST}
  return 1
end
return 0`;

/** Extends a hold that has not expired; 0 when it had (another job may hold the slot by now). */
const REFRESH = `${NOW}
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) <= now then return 0 end
redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])
${EXPIRE_WITH_LAST}
return 1`;

export interface RepoSlotRef {
  repoId: number;
  jobId: string;
  /** Key prefix, as the queues'; default `bull`. */
  prefix?: string;
}

/**
 * Takes one of `limit` slots of the repository for the job, held for `ttlMs` unless refreshed. True if taken,
 * or already held by this job id (a retried or re-delivered job keeps its slot); false when all are taken.
 */
export async function acquireRepoSlot(
  redis: Redis,
  slot: RepoSlotRef & { limit: number; ttlMs: number },
): Promise<boolean> {
  return (await redis.eval(ACQUIRE, 1, slotsKey(slot), slot.jobId, slot.limit, slot.ttlMs)) === 1;
}

/** Extends the job's hold to `ttlMs` from now. False when the hold had already expired. */
export async function refreshRepoSlot(redis: Redis, slot: RepoSlotRef & { ttlMs: number }): Promise<boolean> {
  return (await redis.eval(REFRESH, 1, slotsKey(slot), slot.jobId, slot.ttlMs)) === 1;
}

/** Gives the job's slot back. Harmless when it holds none. */
export async function releaseRepoSlot(redis: Redis, slot: RepoSlotRef): Promise<void> {
  await redis.zrem(slotsKey(slot), slot.jobId);
}

function slotsKey(slot: RepoSlotRef): string {
  return perfbotKey(slot.prefix ?? DEFAULT_PREFIX, 'repo-slots', slot.repoId);
}
