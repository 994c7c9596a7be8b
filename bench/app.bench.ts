/**
 * Benchmarks the GitHub App's own overhead on this machine (loopback only, real Redis, fake GitHub):
 *   1. webhook latency (receipt → response) of signed deliveries, sequential and in a concurrent burst,
 *      for comments the handler drops and for `/perf` comments it enqueues;
 *   2. enqueue throughput of intake jobs;
 *   3. time from enqueue to job start with an idle worker;
 *   4. the server's idle memory (RSS of `npm start`'s process).
 *
 *   npm run bench:app              # BURST=400 CONCURRENCY=20 JOBS=300
 *
 * Progress goes to stderr, the Markdown results to stdout.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { createIntakeQueue } from '../src/queue/create-queues.ts';
import { createIntakeWorker } from '../src/queue/create-intake-worker.ts';
import { enqueueIntake } from '../src/queue/enqueue-intake.ts';
import type { IntakeJobData } from '../src/queue/intake-job-data.ts';
import { commentPayload, startAppHarness } from '../test/helpers/app-harness.ts';
import { cleanupAll } from '../test/helpers/git-fixtures.ts';
import { percentile } from './app/percentile.ts';

const BURST = Number(process.env.BURST ?? 400);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 20);
const JOBS = Number(process.env.JOBS ?? 300);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const log = (message: string) => process.stderr.write(`[bench:app] ${message}\n`);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

const rows: string[] = [];
const ms = (v: number) => `${v.toFixed(2)} ms`;

// 1 + 4: the real server, as `npm start` runs it.
log('starting the app');
const harness = await startAppHarness();
try {
  await new Promise((r) => setTimeout(r, 3000));
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${harness.app.pid}/status`, 'utf8'))?.[1]);
  rows.push(
    `| idle memory of the server process (RSS, 3 s after start) | ${(rssKiB / 1024).toFixed(1)} MiB | 1 sample |`,
  );

  // Bot-authored `/perf` comments are enqueued by the handler and dropped by intake without API calls,
  // so the burst measures the webhook path, not the fake GitHub.
  const payload = (body: string) =>
    commentPayload(harness.fake, 'https://github.com/octo-org/perf-demo.git', body, 'some-bot[bot]', 'Bot', 'created');
  for (const [label, body] of [
    ['dropped by the handler (no `/perf`)', 'LGTM'],
    ['enqueued (`/perf bench`)', '/perf bench'],
  ] as const) {
    const p = payload(body);
    const sequential: number[] = [];
    for (let i = 0; i < 100; i++) sequential.push((await harness.deliver('issue_comment', p)).ms);
    const burst: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < BURST) {
          next++;
          const result = await harness.deliver('issue_comment', p);
          burst.push(result.ms);
          statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    rows.push(
      `| webhook latency, ${label}, sequential | p50 ${ms(percentile(sequential, 50))} · p99 ${ms(percentile(sequential, 99))} | 100 deliveries |`,
    );
    rows.push(
      `| webhook latency, ${label}, burst of ${BURST} at concurrency ${CONCURRENCY} | p50 ${ms(percentile(burst, 50))} · p99 ${ms(percentile(burst, 99))} · ${(BURST / seconds).toFixed(0)} deliveries/s | statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')} |`,
    );
    log(`${label}: done`);
  }
} finally {
  await harness.stop();
  await cleanupAll();
}

// 2 + 3: the queue alone, in-process, against the same Redis.
const prefix = `bench-${randomBytes(4).toString('hex')}`;
const producer = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
const workerConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const queue = createIntakeQueue({ connection: producer, prefix });
const data = (i: number): IntakeJobData => ({
  deliveryId: `${prefix}-${i}`,
  name: 'issue_comment',
  payload: { action: 'created' },
  receivedAt: new Date().toISOString(),
});
try {
  const started = performance.now();
  for (let i = 0; i < JOBS; i++) await enqueueIntake(queue, data(i), { redis: producer });
  const sequentialRate = JOBS / ((performance.now() - started) / 1000);
  const startedConcurrent = performance.now();
  await Promise.all(Array.from({ length: JOBS }, (_, i) => enqueueIntake(queue, data(JOBS + i), { redis: producer })));
  const concurrentRate = JOBS / ((performance.now() - startedConcurrent) / 1000);
  rows.push(
    `| enqueue throughput (intake job + delivery key), sequential | ${sequentialRate.toFixed(0)} jobs/s | ${JOBS} jobs |`,
  );
  rows.push(`| enqueue throughput, ${JOBS} at once | ${concurrentRate.toFixed(0)} jobs/s | ${JOBS} jobs |`);
  await queue.obliterate({ force: true });

  const delays: number[] = [];
  let resolveStart: ((at: number) => void) | undefined;
  const worker = createIntakeWorker({
    connection: workerConnection,
    prefix,
    concurrency: 1,
    log: quiet,
    processor: () => {
      resolveStart?.(performance.now());
      return Promise.resolve();
    },
  });
  await worker.worker.waitUntilReady();
  await new Promise((r) => setTimeout(r, 500));
  for (let i = 0; i < 100; i++) {
    const startedAt = new Promise<number>((resolve) => (resolveStart = resolve));
    const enqueuedAt = performance.now();
    await enqueueIntake(queue, data(10_000 + i), { redis: producer });
    delays.push((await startedAt) - enqueuedAt);
  }
  rows.push(
    `| enqueue → job start, idle worker | p50 ${ms(percentile(delays, 50))} · p99 ${ms(percentile(delays, 99))} | 100 jobs, one at a time |`,
  );
  await worker.shutdown(1000);
  await queue.obliterate({ force: true });
} finally {
  await queue.close();
  producer.disconnect();
  workerConnection.disconnect();
}

process.stdout.write(`| measure | result | sample |\n| --- | --- | --- |\n${rows.join('\n')}\n`);
process.exit(0);
