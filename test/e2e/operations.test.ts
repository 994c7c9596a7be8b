import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

const DASHBOARD = { PERFBOT_DASHBOARD_USER: 'ops', PERFBOT_DASHBOARD_PASSWORD: 'correct-horse-battery' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let harness: AppHarness;
let plain: AppHarness;
let stopped = false;
beforeAll(async () => {
  [harness, plain] = await Promise.all([startAppHarness({ env: DASHBOARD }), startAppHarness()]);
});
afterAll(async () => {
  if (!stopped) await harness.stop();
  expect(await plain.stop()).toBe(0);
  await cleanupAll();
});

describe('replies to commands that do not run anything', () => {
  it('/perf help: the usage, with the labels and who may use it', async () => {
    const delivery = await harness.comment('/perf help');
    const reply = await eventually('the help', () => harness.replyTo(delivery.deliveryId), harness);
    expect(
      reply.startsWith('#### `/perf` commands\n\nComment one of these on a pull request, on a line of its own.'),
    ).toBe(true);
    expect(reply).toContain(
      '- `/perf bench [FILTER] [--runs N] [--vs REF]`: benchmark this pull request against its base branch.',
    );
    expect(reply).toContain('- `/perf status`: show the progress of the current run.');
    expect(reply).toContain('Labels work too: `perf:bench` on a pull request benchmarks it;');
    expect(reply.endsWith('Commands and labels are accepted from people with **write** access or more.')).toBe(true);
    harness.fake.assertNoUnexpected();
  });

  it('an invalid command: what was wrong, then the usage collapsed; one reply, nothing queued', async () => {
    const delivery = await harness.comment('Could you run this?\n/perf bench --runs 0');
    const reply = await eventually('the reply', () => harness.replyTo(delivery.deliveryId), harness);
    const [problem, details] = reply.split('\n\n<details>');
    expect(problem).toBe(
      '⚠️ @\u2060maintainer, Perfbot did not run anything: \\--runs: expected an integer from 3 to 100, got "0"',
    );
    expect(details!.startsWith('<summary>How to use <code>/perf</code></summary>\n\n#### `/perf` commands\n')).toBe(
      true,
    );
    expect(details!.endsWith('\n\n</details>')).toBe(true);
    expect(await harness.liveRuns()).toEqual([]);
    expect(harness.fake.repo.checkRuns).toEqual([]);
    harness.fake.assertNoUnexpected();
  });

  it('/perf status with nothing queued or running', async () => {
    const delivery = await harness.comment('/perf status');
    const reply = await eventually('the reply', () => harness.replyTo(delivery.deliveryId), harness);
    // This app has no PERFBOT_CONFIG: the reply says so, since /perf optimize could not run.
    expect(reply).toBe(
      'No Perfbot jobs are queued or running for this repository.\n\nThis Perfbot installation has no agents configured, so `/perf optimize` cannot run here.',
    );
    // One reply per command: help, invalid, status.
    expect(harness.botComments().filter((c) => c.body.startsWith('<!-- perfbot:reply-'))).toHaveLength(3);
    harness.fake.assertNoUnexpected();
  });
});

describe('operating Perfbot', () => {
  it('GET /healthz reports Redis and the workers; 200 only when Redis evicts nothing', async () => {
    const redis = new Redis(harness.redisUrl);
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    redis.disconnect();
    const response = await fetch(`${harness.baseUrl}/healthz`);
    const body = (await response.json()) as { ok: boolean; checks: Record<string, { ok: boolean; detail?: string }> };
    if (policy === 'noeviction') {
      expect(response.status).toBe(200);
      expect(body).toEqual({
        ok: true,
        checks: { redis: { ok: true, detail: 'maxmemory-policy noeviction' }, worker: { ok: true } },
      });
    } else {
      expect(response.status).toBe(503);
      expect(body.checks.redis!.detail).toContain('maxmemory-policy');
    }
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it('GET /metrics: Prometheus text with queue depth and webhook latency', async () => {
    const response = await fetch(`${harness.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('# TYPE perfbot_queue_jobs gauge');
    // The three commands above went through intake; nothing ever reached the run queue.
    expect(text).toMatch(/^perfbot_queue_jobs\{queue="perfbot-intake",state="completed"\} 3$/m);
    expect(text).toMatch(/^perfbot_queue_jobs\{queue="perfbot-run",state="waiting"\} 0$/m);
    expect(text).toContain('# TYPE perfbot_webhook_duration_seconds histogram');
    expect(text).toMatch(/^perfbot_webhook_duration_seconds_count\{event="issue_comment",status="200"\} 3$/m);
    expect(text).toMatch(
      /^perfbot_webhook_duration_seconds_bucket\{le="\+Inf",event="issue_comment",status="200"\} 3$/m,
    );
  });

  it('the queue dashboard is behind basic auth when configured', async () => {
    const url = `${harness.baseUrl}/admin/queues`;
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="perfbot"');
    expect((await fetch(url, { headers: { authorization: basic('ops', 'wrong') } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: basic('admin', 'correct-horse-battery') } })).status).toBe(
      401,
    );
    const page = await fetch(url, { headers: { authorization: basic('ops', 'correct-horse-battery') } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const api = await fetch(`${url}/api/queues`, { headers: { authorization: basic('ops', 'correct-horse-battery') } });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: { name: string }[] };
    expect(queues.map((q) => q.name).sort()).toEqual(['perfbot-intake', 'perfbot-run']);
  });

  it('without PERFBOT_DASHBOARD_USER and PASSWORD there is no dashboard at all (404)', async () => {
    const response = await fetch(`${plain.baseUrl}/admin/queues`, {
      headers: { authorization: basic('ops', 'correct-horse-battery') },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not found' });
  });

  it('SIGTERM: a graceful stop that exits 0', async () => {
    stopped = true;
    const code = await harness.stop('SIGTERM');
    expect(code).toBe(0);
    expect(harness.app.signalCode).toBeNull();
    expect(harness.output()).toContain('"signal":"SIGTERM","msg":"shutting down"');
    await expect(fetch(`${harness.baseUrl}/healthz`)).rejects.toThrow();
  });
});

describe('SIGTERM while a benchmark runs', () => {
  it('exits 0 after the grace period, requeues the run instead of failing or cancelling it, and the restarted app finishes it once', async () => {
    const busy = await startAppHarness({
      env: { PERFBOT_SHUTDOWN_GRACE_SECONDS: '1' },
      // About 8 s of measuring: longer than the grace period.
      perfYml:
        'benchmark:\n  command: "sleep 0.25 && node bench.js"\n  format: bmf\n  runs: 12\nthresholds:\n  regressionGate: 5%\n',
    });
    try {
      const { fake } = busy;
      await busy.comment('/perf bench');
      await eventually(
        'the measure phase',
        () => busy.statusComments().find((c) => c.body.includes('- ⏳ **Measure (interleaved pairs)**')),
        busy,
        30_000,
      );
      const [running] = await busy.liveRuns();
      const code = await busy.restart('SIGTERM', async () => {
        // Stopped: the run is back in the queue, nothing of it is left running, and no one was told it was cancelled.
        expect(await busy.liveRuns()).toEqual([
          expect.objectContaining({ id: running!.id, headSha: busy.headSha, state: 'delayed' }),
        ]);
        expect(await busy.processesInWorkDir('sleep 0.25')).toEqual([]);
        expect(fake.repo.checkRuns.map((r) => r.status)).toEqual(['in_progress']);
        expect(busy.statusComments()[0]!.body).not.toContain('🚫');
      });
      expect(code).toBe(0);
      expect(busy.output()).toContain('jobs still running after the grace period; requeueing them');

      const check = await eventually(
        'the check run to complete',
        () => fake.repo.checkRuns.find((r) => r.status === 'completed'),
        busy,
        60_000,
      );
      expect(check.conclusion).toBe('failure');
      expect(check.externalId).toBe(running!.id);
      expect(fake.repo.checkRuns).toHaveLength(1);
      const completions = fake.requests.filter(
        (r) =>
          r.method === 'PATCH' &&
          /\/check-runs\/\d+$/.test(r.path) &&
          (r.body as { status?: string }).status === 'completed',
      );
      expect(completions).toHaveLength(1);
      const status = busy.statusComments();
      expect(status).toHaveLength(1);
      expect(status[0]!.body).toMatch(/^\| `sort` \|.*\| 🔴 slower \|$/m);
      expect(status[0]!.body).toMatch(/^🔴 \*\*/m);
      await eventually(
        'the job to be recorded as completed',
        async () => (await busy.jobCounts()).run.completed === 1,
        busy,
      );
      expect((await busy.jobCounts()).run).toMatchObject({ failed: 0, delayed: 0, waiting: 0, active: 0 });
      fake.assertNoUnexpected();
    } finally {
      expect(await busy.stop()).toBe(0);
    }
  }, 120_000);
});
