import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIntakeQueue } from '../../../src/queue/create-queues.ts';
import { createRedisConnection } from '../../../src/queue/create-redis-connection.ts';
import { DELIVERY_MEMORY_SECONDS, enqueueIntake } from '../../../src/queue/enqueue-intake.ts';
import type { IntakeJobData } from '../../../src/queue/intake-job-data.ts';
import { QueueUnavailableError } from '../../../src/domain/errors.ts';
import { createRedisTestContext, type RedisTestContext } from './redis-test-context.ts';

let context: RedisTestContext;
beforeEach(() => {
  context = createRedisTestContext();
});
afterEach(() => context.cleanup());

function delivery(deliveryId = randomUUID()): IntakeJobData {
  return {
    deliveryId,
    name: 'issue_comment',
    payload: { action: 'created', comment: { id: 1, body: '/perf bench' } },
    receivedAt: '2026-01-02T03:04:05.000Z',
  };
}

describe('enqueueIntake', () => {
  it('enqueues a redelivered webhook once', async () => {
    const redis = context.connect('producer');
    const queue = context.track(createIntakeQueue({ connection: redis, prefix: context.prefix }));
    const data = delivery();
    expect(await enqueueIntake(queue, data, { redis })).toEqual({ enqueued: true, jobId: `gh-${data.deliveryId}` });
    expect(await enqueueIntake(queue, data, { redis })).toEqual({ enqueued: false, jobId: `gh-${data.deliveryId}` });
    expect(await queue.getWaitingCount()).toBe(1);
    const job = await queue.getJob(`gh-${data.deliveryId}`);
    expect(job?.data).toEqual(data);
  });

  it('two deliveries of the same event at once: one job, and exactly one caller told it enqueued', async () => {
    const redis = context.connect('producer');
    const queue = context.track(createIntakeQueue({ connection: redis, prefix: context.prefix }));
    const data = delivery();
    const results = await Promise.all([1, 2, 3].map(() => enqueueIntake(queue, data, { redis })));
    expect(results.filter((result) => result.enqueued)).toHaveLength(1);
    expect(await queue.getWaitingCount()).toBe(1);
  });

  it('remembers the delivery for 30 days after the job itself is gone', async () => {
    const redis = context.connect('producer');
    const queue = context.track(createIntakeQueue({ connection: redis, prefix: context.prefix }));
    const data = delivery();
    await enqueueIntake(queue, data, { redis });
    await (await queue.getJob(`gh-${data.deliveryId}`))?.remove();
    expect(await enqueueIntake(queue, data, { redis })).toEqual({ enqueued: false, jobId: `gh-${data.deliveryId}` });
    expect(await queue.getWaitingCount()).toBe(0);
    const key = `${context.prefix}:perfbot:delivery:${data.deliveryId}`;
    expect(await redis.get(key)).toBe(`gh-${data.deliveryId}`);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(DELIVERY_MEMORY_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(DELIVERY_MEMORY_SECONDS);
  });

  it('keeps completed intake jobs so that BullMQ still ignores their id', async () => {
    const redis = context.connect('producer');
    const queue = context.track(createIntakeQueue({ connection: redis, prefix: context.prefix }));
    const data = delivery();
    await enqueueIntake(queue, data, { redis });
    const job = await queue.getJob(`gh-${data.deliveryId}`);
    expect(job?.opts.removeOnComplete).toEqual({ age: DELIVERY_MEMORY_SECONDS, count: 10_000 });
    expect(job?.opts.attempts).toBe(5);
  });

  it('rejects job data that is not an intake request, before touching Redis', async () => {
    const redis = context.connect('producer');
    const queue = context.track(createIntakeQueue({ connection: redis, prefix: context.prefix }));
    await expect(enqueueIntake(queue, { ...delivery(), deliveryId: 'has:colon' }, { redis })).rejects.toThrow();
    expect(await queue.getWaitingCount()).toBe(0);
  });

  it('rejects with QueueUnavailableError when Redis was never reachable, instead of hanging', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    const redis = createRedisConnection(`redis://127.0.0.1:${port}`, { role: 'producer' });
    redis.on('error', () => {});
    const queue = createIntakeQueue({ connection: redis, prefix: context.prefix });
    queue.on('error', () => {});
    try {
      await expect(enqueueIntake(queue, delivery(), { redis, timeoutMs: 500 })).rejects.toBeInstanceOf(
        QueueUnavailableError,
      );
    } finally {
      redis.disconnect();
    }
  });
});
