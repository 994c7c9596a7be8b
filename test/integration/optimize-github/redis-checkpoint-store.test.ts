import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkpointKey,
  createRedisCheckpointStore,
} from '../../../src/optimize/github/create-redis-checkpoint-store.ts';
import { initialPipelineState } from '../../../src/pipeline/initial-pipeline-state.ts';
import { createRedisConnection } from '../../../src/queue/create-redis-connection.ts';
import { REDIS_URL } from './optimize-github-harness.ts';

const redis = createRedisConnection(REDIS_URL, { role: 'worker' });
const prefix = `perfbot-test-${randomUUID().slice(0, 8)}`;
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

const state = initialPipelineState({
  runId: 'run-optimize-42-pull7-abc-1',
  branch: 'perf/run-optimize-42-pull7-abc-1',
  targets: [{ kind: 'overall', improve: 0.2, metric: 'time', source: 'command' }],
  startedAt: '2026-01-02T03:04:05.000Z',
});

describe('createRedisCheckpointStore', () => {
  it('saves under <prefix>:perfbot:checkpoint:<runId> with a 30-day TTL and loads the same state back', async () => {
    const store = createRedisCheckpointStore(redis, prefix);
    expect(await store.load(state.runId)).toBeNull();
    await store.save(state);
    const saved = { ...state, phase: 'benchmark' as const, iteration: 1, costUsd: 0.25 };
    await store.save(saved);
    expect(await store.load(state.runId)).toEqual(saved);
    const key = `${prefix}:perfbot:checkpoint:run-optimize-42-pull7-abc-1`;
    expect(checkpointKey(prefix, state.runId)).toBe(key);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(30 * 24 * 3600 - 10);
    expect(ttl).toBeLessThanOrEqual(30 * 24 * 3600);
  });

  it('refuses a value that is not a valid run state', async () => {
    const store = createRedisCheckpointStore(redis, prefix);
    await redis.set(checkpointKey(prefix, 'broken'), JSON.stringify({ ...state, runId: 'broken', phase: 'dance' }));
    await expect(store.load('broken')).rejects.toThrow(
      `the checkpoint ${prefix}:perfbot:checkpoint:broken is not a valid run state`,
    );
    await redis.set(checkpointKey(prefix, 'truncated'), '{"version":1,');
    await expect(store.load('truncated')).rejects.toThrow('is not a valid run state');
  });
});
