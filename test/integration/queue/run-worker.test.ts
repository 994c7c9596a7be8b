import { type ChildProcess, spawn } from 'node:child_process';
import type { Job } from 'bullmq';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SuspendRunError, UsageError } from '../../../src/domain/errors.ts';
import { requestCancel } from '../../../src/queue/cancel-bus.ts';
import { createRunQueue } from '../../../src/queue/create-queues.ts';
import { waitUntilConnected } from '../../../src/queue/create-redis-connection.ts';
import { createRunWorker, type RunWorkerOptions } from '../../../src/queue/create-run-worker.ts';
import { enqueueRun } from '../../../src/queue/enqueue-run.ts';
import { RUN_QUEUE } from '../../../src/queue/queue-names.ts';
import type { RunJobData } from '../../../src/queue/run-job-data.ts';
import { wakeWaitingRun } from '../../../src/queue/run-waits.ts';
import {
  createRedisTestContext,
  createTestLog,
  type RedisTestContext,
  runRequest,
  waitFor,
  waitForState,
} from './redis-test-context.ts';

let context: RedisTestContext;
const children: ChildProcess[] = [];
beforeEach(() => {
  context = createRedisTestContext();
});
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await context.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setup() {
  const redis = context.connect('worker');
  const queue = context.track(createRunQueue({ connection: redis, prefix: context.prefix }));
  const log = createTestLog();
  const start = async (options: Pick<RunWorkerOptions, 'processor'> & Partial<RunWorkerOptions>) => {
    const runner = await createRunWorker({
      connection: context.connect('worker'),
      subscriber: context.connect('worker'),
      prefix: context.prefix,
      concurrency: 1,
      repoLimit: 1,
      log,
      slotRetryMs: 100,
      watchIntervalMs: 200,
      ...options,
    });
    context.track(runner.worker);
    return runner;
  };
  return { redis, queue, log, start };
}

/** Runs `sleep 30` until the signal fires, then kills it and rejects. */
function sleepUntilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(child);
    const kill = () => child.kill('SIGTERM');
    if (signal.aborted) kill();
    else signal.addEventListener('abort', kill, { once: true });
    child.on('exit', (code, exitSignal) => reject(new Error(`sleep ended: ${exitSignal ?? code}`)));
  });
}

describe('createRunWorker: per-repository limit', () => {
  it('limit 1, concurrency 2: runs of one repository never overlap; another repository runs alongside', async () => {
    const { redis, queue, start } = setup();
    const spans: { id: string; repoId: number; start: number; end: number }[] = [];
    const runner = await start({
      concurrency: 2,
      processor: async (job: Job<RunJobData>) => {
        const begin = Date.now();
        await sleep(400);
        spans.push({ id: job.id ?? '', repoId: job.data.repo.id, start: begin, end: Date.now() });
      },
    });
    const a1 = await enqueueRun(queue, runRequest({ repoId: 1, pull: 1 }), { redis });
    const a2 = await enqueueRun(queue, runRequest({ repoId: 1, pull: 2 }), { redis });
    const b1 = await enqueueRun(queue, runRequest({ repoId: 2, pull: 1 }), { redis });
    for (const { jobId } of [a1, a2, b1]) await waitForState(queue, jobId, 'completed');
    const [first, second] = spans.filter((span) => span.repoId === 1).sort((x, y) => x.start - y.start);
    const other = spans.find((span) => span.repoId === 2);
    expect(spans).toHaveLength(3);
    expect(second!.start).toBeGreaterThanOrEqual(first!.end);
    const overlapsRepo1 = [first!, second!].some((span) => other!.start < span.end && span.start < other!.end);
    expect(overlapsRepo1).toBe(true);
    // Waiting for the slot used no attempt.
    expect((await queue.getJob(a2.jobId))?.attemptsMade).toBe(1);
    await runner.shutdown(1000);
    expect(await redis.exists(`${context.prefix}:perfbot:repo-slots:1`)).toBe(0);
  });
});

describe('createRunWorker: cancellation', () => {
  it('a cancel sent from another connection stops the running job: aborted signal, failed "cancelled", no retry', async () => {
    const { redis, queue, start } = setup();
    const signals: AbortSignal[] = [];
    const runner = await start({
      watchIntervalMs: 60_000, // only the published message can stop it in time
      processor: async (_job, signal) => {
        signals.push(signal);
        return sleepUntilAborted(signal);
      },
    });
    const { jobId } = await enqueueRun(queue, runRequest(), { redis, attempts: 3, backoffMs: 10 });
    await waitForState(queue, jobId, 'active');
    await waitFor('the sleep to start', () => children[0]?.pid);
    const canceller = context.connect('producer');
    await waitUntilConnected(canceller);
    await requestCancel(canceller, jobId, 'by @octocat', { prefix: context.prefix, queueName: RUN_QUEUE });
    await waitForState(queue, jobId, 'failed');
    const job = await queue.getJob(jobId);
    expect(job?.failedReason).toBe('cancelled: by @octocat');
    expect(job?.attemptsMade).toBe(1);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(children[0]?.signalCode).toBe('SIGTERM');
    await runner.shutdown(1000);
  });

  it('a job cancelled before any worker took it never runs its body', async () => {
    const { redis, queue, start } = setup();
    const ran: string[] = [];
    const { jobId } = await enqueueRun(queue, runRequest(), { redis });
    await requestCancel(redis, jobId, 'pull request closed', { prefix: context.prefix, queueName: RUN_QUEUE });
    const runner = await start({ processor: async (job) => void ran.push(job.id ?? '') });
    await waitForState(queue, jobId, 'failed');
    expect((await queue.getJob(jobId))?.failedReason).toBe('cancelled: pull request closed');
    expect(ran).toEqual([]);
    await runner.shutdown(1000);
  });

  it("a cancel whose message was missed (subscriber reconnecting) is found by the running job's watch", async () => {
    const { redis, queue, start } = setup();
    const runner = await start({ watchIntervalMs: 100, processor: async (_job, signal) => sleepUntilAborted(signal) });
    const { jobId } = await enqueueRun(queue, runRequest(), { redis, attempts: 3 });
    await waitForState(queue, jobId, 'active');
    // The flag requestCancel stores, without the message it publishes.
    await redis.set(`${context.prefix}:perfbot:cancelled:${RUN_QUEUE}:${jobId}`, 'by @hubot', 'EX', 60);
    await waitForState(queue, jobId, 'failed');
    expect((await queue.getJob(jobId))?.failedReason).toBe('cancelled: by @hubot');
    await runner.shutdown(1000);
  });

  it('a cancel for a job another worker runs is ignored by this one', async () => {
    const { redis, queue, start } = setup();
    let finished = 0;
    const runner = await start({
      processor: async () => {
        await sleep(300);
        finished++;
      },
    });
    const { jobId } = await enqueueRun(queue, runRequest(), { redis });
    await waitForState(queue, jobId, 'active');
    await requestCancel(redis, jobId, 'other queue', { prefix: context.prefix, queueName: 'some-other-queue' });
    await waitForState(queue, jobId, 'completed');
    expect(finished).toBe(1);
    await runner.shutdown(1000);
  });
});

describe('createRunWorker: suspended runs', () => {
  it('parks a suspended run as delayed, freeing its slots, until the awaited news promotes it', async () => {
    const { redis, queue, start } = setup();
    const calls: string[] = [];
    const runner = await start({
      processor: async (job: Job<RunJobData>) => {
        calls.push(`${job.data.target.number}`);
        // Pull 1 waits for CI once (a recheck a minute away); everything else just finishes.
        if (job.data.target.number === 1 && calls.filter((c) => c === '1').length === 1)
          throw new SuspendRunError(Date.now() + 60_000, 'ci:abc');
        return 'done';
      },
    });
    const waiting = await enqueueRun(queue, runRequest({ pull: 1 }), { redis });
    await waitForState(queue, waiting.jobId, 'delayed');
    const wake = { prefix: context.prefix, repoId: 42, waitKey: 'ci:abc' };
    expect(await wakeWaitingRun(redis, queue, { ...wake, waitKey: 'ci:other' })).toBeUndefined();

    // Same repository, limit 1, concurrency 1: it only runs because the parked run holds neither slot.
    const other = await enqueueRun(queue, runRequest({ pull: 2 }), { redis });
    await waitForState(queue, other.jobId, 'completed');
    expect(await queue.getJobState(waiting.jobId)).toBe('delayed');

    const woken = Date.now();
    expect(await wakeWaitingRun(redis, queue, wake)).toBe(waiting.jobId);
    await waitForState(queue, waiting.jobId, 'completed');
    expect(Date.now() - woken).toBeLessThan(10_000);
    expect(calls).toEqual(['1', '2', '1']);
    // The completing attempt only: the suspension used none.
    expect((await queue.getJob(waiting.jobId))?.attemptsMade).toBe(1);
    await runner.shutdown(1000);
  });
});

describe('createRunWorker: errors', () => {
  it('a user error fails the run after one attempt, with its message', async () => {
    const { redis, queue, start } = setup();
    let calls = 0;
    const runner = await start({
      processor: async () => {
        calls++;
        throw new UsageError('benchmark "parse/*" matched nothing; check the FILTER');
      },
    });
    const { jobId } = await enqueueRun(queue, runRequest(), { redis, attempts: 3, backoffMs: 10 });
    await waitForState(queue, jobId, 'failed');
    const job = await queue.getJob(jobId);
    expect(job?.failedReason).toBe('benchmark "parse/*" matched nothing; check the FILTER');
    expect(job?.attemptsMade).toBe(1);
    expect(calls).toBe(1);
    await runner.shutdown(1000);
  });

  it('a transient error is retried with backoff until the run succeeds', async () => {
    const { redis, queue, start } = setup();
    const attempts: number[] = [];
    const runner = await start({
      processor: async (job) => {
        attempts.push(job.attemptsMade);
        if (attempts.length < 3) throw new Error('ECONNRESET from GitHub');
        return 'ok';
      },
    });
    const { jobId } = await enqueueRun(queue, runRequest(), { redis, attempts: 3, backoffMs: 50 });
    await waitForState(queue, jobId, 'completed');
    expect(attempts).toEqual([0, 1, 2]);
    expect((await queue.getJob(jobId))?.returnvalue).toBe('ok');
    await runner.shutdown(1000);
  });

  it('a transient error fails the run once the attempts are used up', async () => {
    const { redis, queue, start } = setup();
    let calls = 0;
    const runner = await start({
      processor: async () => {
        calls++;
        throw new Error('disk full');
      },
    });
    const { jobId } = await enqueueRun(queue, runRequest(), { redis, attempts: 2, backoffMs: 10 });
    await waitForState(queue, jobId, 'failed');
    expect(calls).toBe(2);
    expect((await queue.getJob(jobId))?.failedReason).toBe('disk full');
    await runner.shutdown(1000);
  });
});

describe('createRunWorker: shutdown', () => {
  it('a run still going after the grace period goes back to the queue and another worker completes it once', async () => {
    const { redis, queue, start, log } = setup();
    const first = await start({ processor: async (_job, signal) => sleepUntilAborted(signal) });
    const { jobId } = await enqueueRun(queue, runRequest(), { redis, attempts: 3 });
    await waitForState(queue, jobId, 'active');
    await waitFor('the sleep to start', () => children[0]?.pid);
    await first.shutdown(200);
    expect(first.worker.isRunning()).toBe(false);
    expect(children[0]?.signalCode).toBe('SIGTERM');
    expect(['waiting', 'delayed']).toContain(await queue.getJobState(jobId));
    expect((await queue.getJob(jobId))?.attemptsMade).toBe(0);
    expect(log.lines.map((line) => line.message)).toContain(
      'jobs still running after the grace period; requeueing them',
    );

    const completions: string[] = [];
    const second = await start({
      processor: async (job) => {
        completions.push(job.id ?? '');
        return 'done by the second worker';
      },
    });
    await waitForState(queue, jobId, 'completed');
    expect(completions).toEqual([jobId]);
    expect((await queue.getJob(jobId))?.returnvalue).toBe('done by the second worker');
    await second.shutdown(1000);
  });

  it('a run that finishes within the grace period completes normally', async () => {
    const { redis, queue, start } = setup();
    const runner = await start({
      processor: async () => {
        await sleep(300);
        return 'finished';
      },
    });
    const { jobId } = await enqueueRun(queue, runRequest(), { redis });
    await waitForState(queue, jobId, 'active');
    await runner.shutdown(5000);
    expect(await queue.getJobState(jobId)).toBe('completed');
    expect((await queue.getJob(jobId))?.returnvalue).toBe('finished');
  });
});
