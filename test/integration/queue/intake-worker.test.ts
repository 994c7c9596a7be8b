import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RepoConfigError } from '../../../src/domain/errors.ts';
import { createIntakeQueue } from '../../../src/queue/create-queues.ts';
import { createIntakeWorker, type IntakeWorkerOptions } from '../../../src/queue/create-intake-worker.ts';
import { enqueueIntake } from '../../../src/queue/enqueue-intake.ts';
import type { IntakeJobData } from '../../../src/queue/intake-job-data.ts';
import { createRedisTestContext, createTestLog, type RedisTestContext, waitForState } from './redis-test-context.ts';

let context: RedisTestContext;
beforeEach(() => {
  context = createRedisTestContext();
});
afterEach(() => context.cleanup());

function delivery(): IntakeJobData {
  return {
    deliveryId: randomUUID(),
    name: 'issue_comment',
    payload: { action: 'created', comment: { id: 1, body: '/perf bench' } },
    receivedAt: '2026-01-02T03:04:05.000Z',
  };
}

function setup() {
  const redis = context.connect('worker');
  const queue = context.track(createIntakeQueue({ connection: redis, prefix: context.prefix }));
  const start = (options: Pick<IntakeWorkerOptions, 'processor'>) => {
    const intake = createIntakeWorker({
      connection: context.connect('worker'),
      prefix: context.prefix,
      concurrency: 1,
      log: createTestLog(),
      ...options,
    });
    context.track(intake.worker);
    return intake;
  };
  return { redis, queue, start };
}

describe('createIntakeWorker', () => {
  it('hands the processor the delivery and completes with its result', async () => {
    const { redis, queue, start } = setup();
    const seen: IntakeJobData[] = [];
    const intake = start({
      processor: async (job) => {
        seen.push(job.data);
        return { replied: true };
      },
    });
    const data = delivery();
    const { jobId } = await enqueueIntake(queue, data, { redis });
    await waitForState(queue, jobId, 'completed');
    expect(seen).toEqual([data]);
    expect((await queue.getJob(jobId))?.returnvalue).toEqual({ replied: true });
    await intake.shutdown(1000);
  });

  it('a user error fails the delivery after one attempt', async () => {
    const { redis, queue, start } = setup();
    let calls = 0;
    const intake = start({
      processor: async () => {
        calls++;
        throw new RepoConfigError('.github/perf.yml: benchmark.command is required');
      },
    });
    const { jobId } = await enqueueIntake(queue, delivery(), { redis });
    await waitForState(queue, jobId, 'failed');
    const job = await queue.getJob(jobId);
    expect(job?.failedReason).toBe('.github/perf.yml: benchmark.command is required');
    expect(job?.attemptsMade).toBe(1);
    expect(calls).toBe(1);
    await intake.shutdown(1000);
  });

  it('a transient error is retried', async () => {
    const { redis, queue, start } = setup();
    let calls = 0;
    const intake = start({
      processor: async () => {
        calls++;
        if (calls === 1) throw new Error('GitHub answered 502');
        return 'replied';
      },
    });
    const { jobId } = await enqueueIntake(queue, delivery(), { redis });
    // Retried after the intake backoff (2 s for the first retry).
    await waitForState(queue, jobId, 'completed', 20_000);
    expect(calls).toBe(2);
    await intake.shutdown(1000);
  });

  it('a job whose data was tampered with in Redis fails without reaching the processor', async () => {
    const { queue, start } = setup();
    let calls = 0;
    const intake = start({ processor: async () => void calls++ });
    const job = await queue.add('intake', { ...delivery(), trigger: { evil: true } } as unknown as IntakeJobData, {
      attempts: 3,
    });
    await waitForState(queue, job.id ?? '', 'failed');
    expect((await queue.getJob(job.id ?? ''))?.failedReason).toBe('job data is not a valid intake request');
    expect(calls).toBe(0);
    await intake.shutdown(1000);
  });

  it('shutting down requeues a delivery still being handled after the grace period, without using an attempt', async () => {
    const { redis, queue, start } = setup();
    const first = start({
      processor: (_job, signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
        ),
    });
    const { jobId } = await enqueueIntake(queue, delivery(), { redis });
    await waitForState(queue, jobId, 'active');
    await first.shutdown(100);
    expect(['waiting', 'delayed']).toContain(await queue.getJobState(jobId));
    expect((await queue.getJob(jobId))?.attemptsMade).toBe(0);
    const second = start({ processor: async () => 'handled' });
    await waitForState(queue, jobId, 'completed');
    expect((await queue.getJob(jobId))?.returnvalue).toBe('handled');
    await second.shutdown(1000);
  });
});
