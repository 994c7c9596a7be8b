import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunQueue } from '../../../src/queue/create-queues.ts';
import { createRunWorker } from '../../../src/queue/create-run-worker.ts';
import { enqueueRun } from '../../../src/queue/enqueue-run.ts';
import {
  createRedisTestContext,
  createTestLog,
  deferred,
  randomSha,
  type RedisTestContext,
  runRequest,
  waitForState,
} from './redis-test-context.ts';

let context: RedisTestContext;
beforeEach(() => {
  context = createRedisTestContext();
});
afterEach(() => context.cleanup());

function setup() {
  const redis = context.connect('worker');
  const queue = context.track(createRunQueue({ connection: redis, prefix: context.prefix }));
  return { redis, queue };
}

describe('enqueueRun', () => {
  it('queues a run with a readable job id, retries and backoff', async () => {
    const { redis, queue } = setup();
    const run = runRequest({ repoId: 42, pull: 7, headSha: '0123456789abcdef0123456789abcdef01234567' });
    const result = await enqueueRun(queue, run, { redis, attempts: 3, backoffMs: 1000 });
    expect(result).toEqual({
      status: 'queued',
      jobId: 'run-bench-42-pull7-0123456789ab-1',
      superseded: { removed: [], running: [] },
    });
    const job = await queue.getJob(result.jobId);
    expect(job?.data).toEqual(run);
    expect(job?.name).toBe('bench');
    expect(job?.opts.attempts).toBe(3);
    expect(job?.opts.backoff).toEqual({ type: 'exponential', delay: 1000 });
  });

  it('a second request for the same commit while the first waits starts nothing new', async () => {
    const { redis, queue } = setup();
    const run = runRequest();
    const first = await enqueueRun(queue, run, { redis });
    const second = await enqueueRun(
      queue,
      { ...run, trigger: { ...run.trigger, deliveryId: 'another-delivery' } },
      { redis },
    );
    expect(second).toEqual({ status: 'duplicate', jobId: first.jobId, state: 'waiting' });
    expect(await queue.getWaitingCount()).toBe(1);
  });

  it('a second request while the first runs returns the running job; after it finished, the commit can run again', async () => {
    const { redis, queue } = setup();
    const release = deferred();
    const runner = await createRunWorker({
      connection: context.connect('worker'),
      subscriber: context.connect('worker'),
      prefix: context.prefix,
      concurrency: 1,
      repoLimit: 1,
      processor: async () => release.promise,
      log: createTestLog(),
    });
    context.track(runner.worker);
    const run = runRequest();
    const first = await enqueueRun(queue, run, { redis });
    await waitForState(queue, first.jobId, 'active');
    expect(await enqueueRun(queue, run, { redis })).toEqual({
      status: 'duplicate',
      jobId: first.jobId,
      state: 'active',
    });
    release.resolve();
    await waitForState(queue, first.jobId, 'completed');
    const again = await enqueueRun(queue, run, { redis });
    expect(again.status).toBe('queued');
    expect(again.jobId).toBe(first.jobId.replace(/-1$/, '-3')); // -2 went to the duplicate request
    await runner.shutdown(1000);
  });

  it('a new head commit removes the queued run of the older one', async () => {
    const { redis, queue } = setup();
    const olderRun = runRequest({ headSha: randomSha() });
    const older = await enqueueRun(queue, olderRun, { redis });
    const otherPull = await enqueueRun(queue, runRequest({ pull: 2 }), { redis });
    const optimize = await enqueueRun(queue, runRequest({ kind: 'optimize' }), { redis });
    const newer = await enqueueRun(queue, runRequest({ headSha: randomSha() }), { redis });
    expect(newer).toMatchObject({ status: 'queued', superseded: { removed: [older.jobId], running: [] } });
    expect(await queue.getJob(older.jobId)).toBeUndefined();
    const waiting = (await queue.getWaiting()).map((job) => job.id).sort();
    expect(waiting).toEqual([otherPull.jobId, optimize.jobId, newer.jobId].sort());
    // The removed job no longer holds its dedup key: its commit can be queued again (and supersedes in turn).
    expect(await enqueueRun(queue, olderRun, { redis })).toMatchObject({
      status: 'queued',
      superseded: { removed: [newer.jobId] },
    });
  });

  it('a new head commit leaves the running run of the older one alone and reports it', async () => {
    const { redis, queue } = setup();
    const release = deferred();
    const runner = await createRunWorker({
      connection: context.connect('worker'),
      subscriber: context.connect('worker'),
      prefix: context.prefix,
      concurrency: 1,
      repoLimit: 1,
      processor: async () => release.promise,
      log: createTestLog(),
    });
    context.track(runner.worker);
    const older = await enqueueRun(queue, runRequest(), { redis });
    await waitForState(queue, older.jobId, 'active');
    const newer = await enqueueRun(queue, runRequest(), { redis });
    expect(newer).toMatchObject({ status: 'queued', superseded: { removed: [], running: [older.jobId] } });
    expect(await queue.getJobState(older.jobId)).toBe('active');
    release.resolve();
    await waitForState(queue, newer.jobId, 'completed');
    await runner.shutdown(1000);
  });

  it('heals a dedup key left by a job that is gone without clearing it', async () => {
    const { redis, queue } = setup();
    const run = runRequest();
    const first = await enqueueRun(queue, run, { redis });
    // What a job that stalled past its limit leaves behind: the dedup key names a job that no longer runs.
    await redis.hdel(`${context.prefix}:perfbot-run:${first.jobId}`, 'deid');
    await (await queue.getJob(first.jobId))?.remove();
    expect(await queue.getDeduplicationJobId(`bench-42-pull1-${run.headSha}`)).toBe(first.jobId);
    const second = await enqueueRun(queue, run, { redis });
    expect(second).toMatchObject({ status: 'queued', jobId: first.jobId.replace(/-1$/, '-3') });
  });

  it('rejects a run request that does not match the job data contract', async () => {
    const { redis, queue } = setup();
    await expect(enqueueRun(queue, { ...runRequest(), headSha: 'main' }, { redis })).rejects.toThrow();
    expect(await queue.getWaitingCount()).toBe(0);
  });
});
