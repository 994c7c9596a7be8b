import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelTargetJobs } from '../../../src/queue/cancel-target-jobs.ts';
import { createRunQueue } from '../../../src/queue/create-queues.ts';
import { createRunWorker } from '../../../src/queue/create-run-worker.ts';
import { enqueueRun } from '../../../src/queue/enqueue-run.ts';
import { findTargetJobs, listRepoJobs } from '../../../src/queue/list-repo-jobs.ts';
import {
  createRedisTestContext,
  createTestLog,
  deferred,
  type RedisTestContext,
  runRequest,
  waitFor,
  waitForState,
} from './redis-test-context.ts';

let context: RedisTestContext;
beforeEach(() => {
  context = createRedisTestContext();
});
afterEach(() => context.cleanup());

/** One run active on a single-slot worker (reporting a phase), and others queued behind it. */
async function busyQueue() {
  const redis = context.connect('worker');
  const queue = context.track(createRunQueue({ connection: redis, prefix: context.prefix }));
  const release = deferred();
  const runner = await createRunWorker({
    connection: context.connect('worker'),
    subscriber: context.connect('worker'),
    prefix: context.prefix,
    concurrency: 1,
    repoLimit: 1,
    log: createTestLog(),
    processor: async (job, signal) => {
      await job.updateProgress({ phase: 'benchmark', startedAt: '2026-01-02T03:05:00.000Z' });
      await new Promise<void>((resolve, reject) => {
        void release.promise.then(resolve);
        signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
      });
    },
  });
  context.track(runner.worker);
  const active = await enqueueRun(queue, runRequest({ repoId: 1, pull: 1 }), { redis });
  await waitForState(queue, active.jobId, 'active');
  await waitFor('the phase', async () => ((await queue.getJob(active.jobId))?.progress ? true : undefined));
  const otherRepo = await enqueueRun(queue, runRequest({ repoId: 2, pull: 5 }), { redis });
  const secondPull = await enqueueRun(queue, runRequest({ repoId: 1, pull: 2 }), { redis });
  const optimize = await enqueueRun(queue, runRequest({ repoId: 1, pull: 1, kind: 'optimize' }), { redis });
  // A run waiting for its retry, as BullMQ keeps it: delayed.
  const retrying = runRequest({ repoId: 1, pull: 3 });
  await queue.add('bench', retrying, { jobId: 'retrying-run', delay: 60_000 });
  return {
    redis,
    queue,
    runner,
    release,
    ids: { active: active.jobId, otherRepo: otherRepo.jobId, secondPull: secondPull.jobId, optimize: optimize.jobId },
  };
}

describe('listRepoJobs', () => {
  it("lists a repository's runs: running with phase and elapsed time, waiting with their place in line, delayed", async () => {
    const { queue, runner, release, ids } = await busyQueue();
    const processedOn = (await queue.getJob(ids.active))?.processedOn ?? 0;
    const actor = { login: 'octocat', id: 583231 };
    const jobs = await listRepoJobs(queue, 1, processedOn + 1234);
    expect(jobs.map(({ headSha: _, ...rest }) => rest)).toEqual([
      {
        id: ids.active,
        kind: 'bench',
        target: { type: 'pull', number: 1 },
        state: 'active',
        phase: 'benchmark',
        startedAt: new Date(processedOn).toISOString(),
        elapsedMs: 1234,
        actor,
      },
      { id: ids.secondPull, kind: 'bench', target: { type: 'pull', number: 2 }, state: 'waiting', position: 2, actor },
      { id: ids.optimize, kind: 'optimize', target: { type: 'pull', number: 1 }, state: 'waiting', position: 3, actor },
      { id: 'retrying-run', kind: 'bench', target: { type: 'pull', number: 3 }, state: 'delayed', actor },
    ]);
    expect((await listRepoJobs(queue, 2)).map((job) => [job.id, job.position])).toEqual([[ids.otherRepo, 1]]);
    expect(await listRepoJobs(queue, 3)).toEqual([]);
    release.resolve();
    await runner.shutdown(1000);
  });

  it("findTargetJobs keeps one pull request's runs, of every kind", async () => {
    const { queue, runner, release, ids } = await busyQueue();
    expect((await findTargetJobs(queue, 1, { type: 'pull', number: 1 })).map((job) => job.id)).toEqual([
      ids.active,
      ids.optimize,
    ]);
    expect(await findTargetJobs(queue, 1, { type: 'issue', number: 1 })).toEqual([]);
    release.resolve();
    await runner.shutdown(1000);
  });
});

describe('cancelTargetJobs', () => {
  it('removes the queued runs of the pull request and stops the running one; other runs are untouched', async () => {
    const { redis, queue, runner, ids } = await busyQueue();
    const result = await cancelTargetJobs({
      queue,
      redis,
      repoId: 1,
      target: { type: 'pull', number: 1 },
      reason: 'by @octocat',
    });
    expect(result).toEqual({ removed: [ids.optimize], cancelling: [ids.active] });
    expect(await queue.getJob(ids.optimize)).toBeUndefined();
    await waitForState(queue, ids.active, 'failed');
    expect((await queue.getJob(ids.active))?.failedReason).toBe('cancelled: by @octocat');
    // The worker moves on to the next run in line, of another repository.
    await waitForState(queue, ids.otherRepo, 'active');
    expect(await queue.getJobState(ids.secondPull)).toBe('waiting');
    expect(await queue.getJobState('retrying-run')).toBe('delayed');
    expect(
      await cancelTargetJobs({ queue, redis, repoId: 1, target: { type: 'pull', number: 1 }, reason: 'again' }),
    ).toEqual({
      removed: [],
      cancelling: [],
    });
    await runner.shutdown(0);
  });
});
