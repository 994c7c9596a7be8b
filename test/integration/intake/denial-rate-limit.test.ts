import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createRedisDenialLimiter,
  DENIAL_REPLY_WINDOW_SECONDS,
} from '../../../src/intake/create-redis-denial-limiter.ts';
import type { IntakeDeps } from '../../../src/intake/intake-deps.ts';
import { processIntakeEvent } from '../../../src/intake/process-intake-event.ts';
import type { RunQueuePort } from '../../../src/intake/run-queue-port.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import { commentPayload } from '../../helpers/app-harness.ts';
import { createTestClient } from '../github/github-test-client.ts';
import { createRedisTestContext, type RedisTestContext } from '../queue/redis-test-context.ts';

let fake: FakeGitHub | undefined;
let redis: RedisTestContext | undefined;
afterEach(async () => {
  await fake?.close();
  await redis?.cleanup();
  fake = undefined;
  redis = undefined;
});

/** Denied requests never reach the run queue; any use of it is a bug this test should see. */
const noRuns: RunQueuePort = new Proxy({} as RunQueuePort, {
  get: (_target, name) => () =>
    Promise.reject(new Error(`the run queue was used (${String(name)}) for a denied request`)),
});

async function setUp() {
  fake = await startFakeGitHub();
  fake.addPull({ number: 1 });
  fake.addPull({ number: 2 });
  fake.setFile('.github/perf.yml', 'benchmark:\n  command: ["node", "bench.js"]\n');
  redis = createRedisTestContext();
  const connection = redis.connect('worker');
  const github = createTestClient(fake);
  const deps: IntakeDeps = {
    githubFor: async () => github,
    runs: noRuns,
    now: () => new Date(),
    denials: createRedisDenialLimiter(connection, redis.prefix),
  };
  const f = fake;
  const comment = (login: string, pull = 1, deliveryId = randomUUID()) => {
    const payload = commentPayload(
      f,
      'https://github.com/octo-org/perf-demo.git',
      '/perf bench',
      login,
      'User',
      'created',
    );
    (payload.issue as { number: number }).number = pull;
    return { deliveryId, name: 'issue_comment' as const, payload, receivedAt: new Date().toISOString() };
  };
  const denials = (pull: number) =>
    f.repo.comments.filter(
      (c) => c.issueNumber === pull && c.user.login === 'perfbot[bot]' && c.body.includes('Perfbot only runs'),
    );
  return { fake, redis, connection, deps, comment, denials };
}

describe('denial replies are rate-limited: one per user per pull request per hour', () => {
  it('a stream of /perf comments from someone without access gets one reply; another user and another PR get their own', async () => {
    const { deps, comment, denials } = await setUp();
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await processIntakeEvent(comment('stranger'), deps));
    expect(outcomes.map((o) => o.type === 'denied' && o.replied)).toEqual([true, false, false]);
    expect(denials(1)).toHaveLength(1);

    expect(await processIntakeEvent(comment('outsider-two'), deps)).toMatchObject({ type: 'denied', replied: true });
    expect(await processIntakeEvent(comment('stranger', 2), deps)).toMatchObject({ type: 'denied', replied: true });
    expect(denials(1)).toHaveLength(2);
    expect(denials(2)).toHaveLength(1);
    fake!.assertNoUnexpected();
  });

  it('a retried intake job for the same delivery still upserts its own reply (once), and the key expires after an hour', async () => {
    const { redis, connection, deps, comment, denials } = await setUp();
    const event = comment('stranger');
    await processIntakeEvent(event, deps);
    expect(await processIntakeEvent(event, deps)).toMatchObject({ type: 'denied', replied: true });
    expect(denials(1)).toHaveLength(1);
    const keys = await connection.keys(`${redis.prefix}:perfbot:denied:*`);
    expect(keys).toHaveLength(1);
    const ttl = await connection.ttl(keys[0]!);
    expect(ttl).toBeGreaterThan(DENIAL_REPLY_WINDOW_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(DENIAL_REPLY_WINDOW_SECONDS);
    // Once the hour is over (the key gone), the next denial is answered again.
    await connection.del(keys[0]!);
    expect(await processIntakeEvent(comment('stranger'), deps)).toMatchObject({ type: 'denied', replied: true });
    expect(denials(1)).toHaveLength(2);
  });
});
