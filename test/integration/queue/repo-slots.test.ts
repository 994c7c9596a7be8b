import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireRepoSlot, refreshRepoSlot, releaseRepoSlot } from '../../../src/queue/repo-slots.ts';
import { createRedisTestContext, type RedisTestContext } from './redis-test-context.ts';

let context: RedisTestContext;
beforeEach(() => {
  context = createRedisTestContext();
});
afterEach(() => context.cleanup());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('repository slots', () => {
  it('limit 1: a second job waits until the first releases its slot', async () => {
    const redis = context.connect('worker');
    const slot = (jobId: string) => ({ repoId: 1, jobId, limit: 1, ttlMs: 60_000, prefix: context.prefix });
    expect(await acquireRepoSlot(redis, slot('a'))).toBe(true);
    expect(await acquireRepoSlot(redis, slot('b'))).toBe(false);
    expect(await acquireRepoSlot(redis, { ...slot('c'), repoId: 2 })).toBe(true); // other repositories are not limited
    await releaseRepoSlot(redis, slot('a'));
    expect(await acquireRepoSlot(redis, slot('b'))).toBe(true);
  });

  it('limit 1: a slot whose holder stopped refreshing frees itself after ttlMs', async () => {
    const redis = context.connect('worker');
    const slot = (jobId: string) => ({ repoId: 1, jobId, limit: 1, ttlMs: 300, prefix: context.prefix });
    expect(await acquireRepoSlot(redis, slot('crashed'))).toBe(true);
    expect(await acquireRepoSlot(redis, slot('next'))).toBe(false);
    await sleep(400);
    expect(await acquireRepoSlot(redis, slot('next'))).toBe(true);
    expect(await refreshRepoSlot(redis, slot('crashed'))).toBe(false);
  });

  it('refreshing keeps a slot held past its first ttl', async () => {
    const redis = context.connect('worker');
    const slot = (jobId: string) => ({ repoId: 1, jobId, limit: 1, ttlMs: 400, prefix: context.prefix });
    expect(await acquireRepoSlot(redis, slot('a'))).toBe(true);
    for (let i = 0; i < 4; i++) {
      await sleep(200);
      expect(await refreshRepoSlot(redis, slot('a'))).toBe(true);
    }
    expect(await acquireRepoSlot(redis, slot('b'))).toBe(false);
  });

  it('the same job acquiring again keeps its slot (a retried job), and limit 2 admits two jobs', async () => {
    const redis = context.connect('worker');
    const slot = (jobId: string) => ({ repoId: 1, jobId, limit: 2, ttlMs: 60_000, prefix: context.prefix });
    expect(await acquireRepoSlot(redis, slot('a'))).toBe(true);
    expect(await acquireRepoSlot(redis, slot('a'))).toBe(true);
    expect(await acquireRepoSlot(redis, slot('b'))).toBe(true);
    expect(await acquireRepoSlot(redis, slot('c'))).toBe(false);
  });

  it('concurrent acquires never exceed the limit', async () => {
    const redis = context.connect('worker');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        acquireRepoSlot(redis, { repoId: 9, jobId: `j${i}`, limit: 3, ttlMs: 60_000, prefix: context.prefix }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
  });

  it('leaves no key behind once the last slot is released', async () => {
    const redis = context.connect('worker');
    const slot = { repoId: 5, jobId: 'a', limit: 1, ttlMs: 60_000, prefix: context.prefix };
    await acquireRepoSlot(redis, slot);
    const key = `${context.prefix}:perfbot:repo-slots:5`;
    expect(await redis.pttl(key)).toBeGreaterThan(59_000);
    await releaseRepoSlot(redis, slot);
    expect(await redis.exists(key)).toBe(0);
  });
});
