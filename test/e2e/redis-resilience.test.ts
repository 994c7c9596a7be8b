import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, createTempDir } from '../helpers/git-fixtures.ts';
import {
  commentPayload,
  eventually,
  freePort,
  spawnPerfbot,
  startAppHarness,
  WEBHOOK_SECRET,
  type AppHarness,
} from '../helpers/app-harness.ts';

/** A private redis-server whose data survives a restart (append-only file in `dir`), like a production Redis. */
interface PrivateRedis {
  port: number;
  url: string;
  start(): Promise<void>;
  /** `SHUTDOWN`: Redis writes its AOF and exits, as on `systemctl stop redis` or a container restart. */
  shutdown(): Promise<void>;
  cli(...args: string[]): Promise<string>;
}

async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await createTempDir('perfbot-e2e-redis-');
  let server: ChildProcess | undefined;
  const cli = async (...args: string[]) => {
    const redis = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined); // refused while the server starts: the caller retries
    try {
      await redis.connect();
      return String(await redis.call(args[0]!, ...args.slice(1)));
    } finally {
      redis.disconnect();
    }
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    cli,
    async start() {
      server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir],
        { stdio: 'ignore' },
      );
      await eventually(
        `redis-server on ${port}`,
        () =>
          cli('PING').then(
            (pong) => pong === 'PONG',
            () => false,
          ),
        undefined,
        10_000,
      );
    },
    async shutdown() {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      await cli('SHUTDOWN').catch(() => undefined); // the connection drops as Redis exits
      await exited;
    },
  };
}

let harness: AppHarness | undefined;
let redis: PrivateRedis | undefined;
afterAll(async () => {
  await harness?.stop();
  await redis?.shutdown().catch(() => undefined);
  await cleanupAll();
});

describe('Redis', () => {
  it('down at startup: a clear error naming Redis and REDIS_URL, exit code 1, within 15 s; the password is not printed', async () => {
    const closed = await freePort();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const app = spawnPerfbot({
      APP_ID: '424242',
      PRIVATE_KEY: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      WEBHOOK_SECRET,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      REDIS_URL: `redis://:hunter2@127.0.0.1:${closed}`,
    });
    const started = Date.now();
    const code = await Promise.race([
      app.exited,
      // The Redis check itself gives up after 2 s; the rest is `npm start` loading the app, slow on a busy machine.
      new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 15_000)),
    ]);
    if (code === 'still running') await app.stop('SIGKILL');
    expect(code).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(app.output()).toContain(`perfbot: cannot reach Redis at redis://:***@127.0.0.1:${closed}`);
    expect(app.output()).toContain('Start Redis or set REDIS_URL.');
    expect(app.output()).not.toContain('hunter2');
  });

  it('restarting during a run: the run is not lost, and finishes exactly once', async () => {
    redis = await privateRedis();
    await redis.start();
    harness = await startAppHarness({
      env: { REDIS_URL: redis.url },
      // About 8 s of measuring: 12 pairs of a benchmark that first sleeps 0.25 s.
      perfYml:
        'benchmark:\n  command: "sleep 0.25 && node bench.js"\n  format: bmf\n  runs: 12\nthresholds:\n  regressionGate: 5%\n',
    });
    const { fake } = harness;
    await harness.comment('/perf bench');
    await eventually(
      'the measure phase',
      () => harness!.statusComments().find((c) => c.body.includes('- ⏳ **Measure (interleaved pairs)**')),
      harness,
      30_000,
    );

    await redis.shutdown();
    await eventually(
      'the app to notice Redis is gone',
      () => /redis connection error/.test(harness!.output()),
      harness,
      10_000,
    );
    // A delivery meanwhile fails fast, so GitHub records it as failed and it can be redelivered.
    const help = commentPayload(
      fake,
      'https://github.com/octo-org/perf-demo.git',
      '/perf help',
      'maintainer',
      'User',
      'created',
    );
    const deliveryId = randomUUID();
    const refused = await harness.deliver('issue_comment', help, { deliveryId });
    expect(refused.status).toBe(500);
    expect(JSON.parse(refused.body)).toEqual({
      error: expect.stringMatching(/^QueueUnavailableError: Redis refused the intake job/),
    });
    expect(refused.ms).toBeLessThan(10_000); // GitHub gives up on a delivery after 10 s
    await redis.start();
    // The app reconnects on its own schedule: until then a delivery is refused (GitHub records it as failed), and
    // the operator's redelivery of the same delivery succeeds once it has.
    const redelivered = await eventually(
      'a redelivery to be accepted after the restart',
      async () => {
        const attempt = await harness!.deliver('issue_comment', help, { deliveryId });
        return attempt.status === 200 ? attempt : undefined;
      },
      harness,
      30_000,
    );
    expect(redelivered.status).toBe(200);

    const check = await eventually(
      'the check run to complete',
      () => fake.repo.checkRuns.find((r) => r.status === 'completed'),
      harness,
      90_000,
    );
    expect(check.conclusion).toBe('failure');
    expect(check.output.title).toMatch(/sort .*slower/);
    expect(fake.repo.checkRuns).toHaveLength(1);
    // Completed once: one PATCH that completes the check run, one status comment, showing the report.
    const completions = fake.requests.filter(
      (r) =>
        r.method === 'PATCH' &&
        /\/check-runs\/\d+$/.test(r.path) &&
        (r.body as { status?: string }).status === 'completed',
    );
    expect(completions).toHaveLength(1);
    const status = harness.statusComments();
    expect(status).toHaveLength(1);
    expect(status[0]!.body).toMatch(/^\| `sort` \|.*\| 🔴 slower \|$/m);
    expect(status[0]!.body).toMatch(/^🔴 \*\*/m);
    const reply = await eventually('the reply to the redelivery', () => harness!.replyTo(deliveryId), harness);
    expect(reply.startsWith('#### `/perf` commands')).toBe(true);
    await eventually(
      'the job to be recorded as completed',
      async () => (await harness!.jobCounts()).run.completed === 1,
      harness,
    );
    expect((await harness.jobCounts()).run).toMatchObject({ failed: 0, delayed: 0, waiting: 0, active: 0 });
    // Never failed, retried or handed to another attempt: the one attempt rode out the restart.
    expect(harness.output()).not.toContain('run job failed');
    expect(harness.output().match(/"msg":"run job completed"/g)).toHaveLength(1);
    // Every connection error went to the structured log, none to ioredis' "Unhandled error event".
    expect(harness.output()).not.toContain('Unhandled error event');
    fake.assertNoUnexpected();
  }, 150_000);

  it('GET /healthz answers 503 naming maxmemory-policy when Redis may evict keys', async () => {
    await redis!.cli('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      const response = await fetch(`${harness!.baseUrl}/healthz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({
        ok: false,
        checks: {
          redis: {
            ok: false,
            detail: 'Redis maxmemory-policy is allkeys-lru; set it to noeviction, or Redis may drop queued jobs',
          },
          worker: { ok: true },
        },
      });
    } finally {
      await redis!.cli('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
    }
    expect((await fetch(`${harness!.baseUrl}/healthz`)).status).toBe(200);
  });
});
