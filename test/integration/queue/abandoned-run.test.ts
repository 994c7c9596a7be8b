import { Worker } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunQueue } from '../../../src/queue/create-queues.ts';
import { createRunWorker } from '../../../src/queue/create-run-worker.ts';
import { RUN_QUEUE } from '../../../src/queue/queue-names.ts';
import { finalizeAbandonedRun } from '../../../src/runs/finalize-abandoned-run.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import { createTestClient, repoOf } from '../github/github-test-client.ts';
import {
  createRedisTestContext,
  createTestLog,
  type RedisTestContext,
  randomSha,
  runRequest,
  waitFor,
} from './redis-test-context.ts';

let context: RedisTestContext;
let fake: FakeGitHub;
beforeEach(async () => {
  context = createRedisTestContext();
  fake = await startFakeGitHub({ repo: { owner: 'octo', name: 'repo42' } });
});
afterEach(async () => {
  await context.cleanup();
  await fake.close();
});

// Short locks so that the test sees in seconds what production sees in minutes.
const LOCK = { durationMs: 400, stalledIntervalMs: 200, maxStalledCount: 1 };

/**
 * A worker that froze: it takes a job and never renews its lock nor finishes (as a process stopped by the OOM
 * killer's neighbour, or a machine that lost its network, looks from Redis).
 */
function frozenWorker(): Worker {
  return context.track(
    new Worker(RUN_QUEUE, () => new Promise(() => {}), {
      connection: context.connect('worker'),
      prefix: context.prefix,
      concurrency: 1,
      skipLockRenewal: true,
      lockDuration: LOCK.durationMs,
      stalledInterval: LOCK.stalledIntervalMs,
      maxStalledCount: LOCK.maxStalledCount,
    }),
  );
}

describe('a run whose workers die or freeze twice', () => {
  it('ends with its status comment and its perf check run completed as failed, and is never run again', async () => {
    const github = createTestClient(fake);
    const data = runRequest({ repoId: 42 });
    const queue = context.track(createRunQueue({ connection: context.connect('worker'), prefix: context.prefix }));
    fake.addPull({
      number: 1,
      headRef: 'feature',
      headSha: data.headSha,
      baseRef: 'main',
      baseSha: randomSha(),
      title: 'Make sort faster',
    });
    const job = await queue.add('run', data, { jobId: 'run-abandoned-1', attempts: 3 });
    // The first attempt got as far as its check run and status comment before its worker froze.
    const check = await github.createCheckRun(repoOf(fake), {
      name: 'perf',
      headSha: data.headSha,
      status: 'in_progress',
      externalId: job.id!,
      output: { title: 'Benchmarking…', summary: '…' },
    });
    await github.upsertComment(repoOf(fake), 1, `run-${job.id}`, 'Benchmarking… (pair 3 of at most 20)');

    frozenWorker();
    frozenWorker();
    // Both froze on it in turn: BullMQ marks it failed-on-next-pickup instead of handing it out a third time.
    await waitFor(
      'the job to stall twice',
      async () => ((await queue.getJob(job.id!))?.deferredFailure ? true : undefined),
      20_000,
    );

    let ran = 0;
    const forgotten: string[] = [];
    const log = createTestLog();
    await context.track(
      (
        await createRunWorker({
          connection: context.connect('worker'),
          subscriber: context.connect('worker'),
          prefix: context.prefix,
          concurrency: 1,
          repoLimit: 1,
          log,
          lock: LOCK,
          processor: async () => {
            ran += 1;
          },
          onAbandoned: (abandoned, reason) =>
            finalizeAbandonedRun(abandoned.id!, abandoned.data, reason, {
              githubFor: async () => github,
              now: () => Date.now(),
              forget: async (jobId) => void forgotten.push(jobId),
            }),
        })
      ).worker,
    );

    const completed = await waitFor('the check run to be completed', () =>
      fake.repo.checkRuns.find((r) => r.id === check.id && r.status === 'completed'),
    );
    expect(completed.conclusion).toBe('failure');
    expect(completed.output.title).toBe('Perfbot lost this run: its worker stopped responding');
    expect(completed.output.summary).toContain('job stalled more than allowable limit');
    const comment = fake.repo.comments.find((c) => c.body.includes(`<!-- perfbot:run-${job.id} -->`))!;
    expect(comment.body).toContain('Perfbot lost this run');
    expect(comment.body).toContain('Run the command again');
    expect(comment.body).not.toContain('pair 3 of at most 20');
    expect(fake.repo.comments.filter((c) => c.body.includes(`perfbot:run-${job.id}`))).toHaveLength(1);

    expect(await queue.getJobState(job.id!)).toBe('failed');
    expect(ran).toBe(0);
    // What the run kept in shared state is let go: it never resumes.
    await waitFor('the run forgotten', () => (forgotten.length > 0 ? forgotten : undefined));
    expect(forgotten).toEqual([job.id]);
    expect(log.lines.find((l) => l.level === 'error')?.message).toBe(
      'run abandoned after its workers stopped responding',
    );
    fake.assertNoUnexpected();
  }, 40_000);
});
