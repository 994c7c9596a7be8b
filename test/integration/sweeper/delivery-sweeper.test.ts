import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createOctokitDeliveryLog } from '../../../src/github/create-octokit-delivery-log.ts';
import { createIntakeQueue } from '../../../src/queue/create-queues.ts';
import { enqueueIntake } from '../../../src/queue/enqueue-intake.ts';
import { createRedisDeliveryMemory } from '../../../src/sweeper/create-redis-delivery-memory.ts';
import { createRedisLeaderLock } from '../../../src/sweeper/create-redis-leader-lock.ts';
import { redeliverFailedDeliveries, type SweepOptions } from '../../../src/sweeper/redeliver-failed-deliveries.ts';
import { startDeliverySweeper, type DeliverySweeper } from '../../../src/sweeper/start-delivery-sweeper.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import { eventually } from '../../helpers/app-harness.ts';
import { createRedisTestContext, type RedisTestContext } from '../queue/redis-test-context.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();

let fake: FakeGitHub | undefined;
let redis: RedisTestContext | undefined;
const sweepers: DeliverySweeper[] = [];

afterEach(async () => {
  for (const sweeper of sweepers.splice(0)) await sweeper.close();
  await fake?.close();
  await redis?.cleanup();
  fake = undefined;
  redis = undefined;
});

async function setUp(): Promise<{ fake: FakeGitHub; redis: RedisTestContext; sweep: SweepOptions }> {
  fake = await startFakeGitHub();
  fake.setAppPublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  redis = createRedisTestContext();
  const connection = redis.connect('producer');
  // A producer connection refuses commands until it is ready (no offline queue); a loaded machine can take a while.
  if (connection.status !== 'ready') await once(connection, 'ready');
  const sweep: SweepOptions = {
    log: createOctokitDeliveryLog({ appId: fake.state.app.id, privateKey: PEM, baseUrl: fake.url }),
    memory: createRedisDeliveryMemory(connection, redis.prefix),
    now: () => Date.now(),
    lookbackMs: 2 * 60 * 60_000,
    maxPages: 10,
  };
  return { fake, redis, sweep };
}

const attempts = (f: FakeGitHub) =>
  f.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/app/hook/deliveries/'));

describe('redelivery sweeper', () => {
  it('redelivers a failed delivery the app never received, once; not one that succeeded later, was enqueued, or is outside the window', async () => {
    const { fake, redis, sweep } = await setUp();
    const lost = randomUUID();
    const retriedByHand = randomUUID();
    const received = randomUUID();
    const old = randomUUID();
    const lostAttempt = fake.addHookDelivery({ guid: lost, minutesAgo: 10 });
    fake.addHookDelivery({ guid: retriedByHand, minutesAgo: 9 });
    fake.addHookDelivery({ guid: retriedByHand, status: 'OK', minutesAgo: 8 });
    fake.addHookDelivery({ guid: received, status: 'timed out', statusCode: 0, minutesAgo: 7 });
    fake.addHookDelivery({ guid: old, minutesAgo: 3 * 60 });
    fake.addHookDelivery({ guid: randomUUID(), status: 'OK', minutesAgo: 1 });
    // The app enqueued this one even though GitHub recorded a timeout: the intake dedupe key says so.
    const producer = redis.connect('producer');
    const queue = redis.track(createIntakeQueue({ connection: producer, prefix: redis.prefix }));
    await enqueueIntake(
      queue,
      {
        deliveryId: received,
        name: 'issue_comment',
        payload: { action: 'created' },
        receivedAt: new Date().toISOString(),
      },
      { redis: producer },
    );
    // The redelivery fails as well (the app is still down): it must still not be retried a second time.
    fake.state.redeliveryStatus = 'Invalid HTTP Response: 503';

    const first = await redeliverFailedDeliveries(sweep);
    const second = await redeliverFailedDeliveries(sweep);

    expect(first.redelivered).toEqual([lost]);
    expect(attempts(fake).map((r) => r.path)).toEqual([`/app/hook/deliveries/${lostAttempt.id}/attempts`]);
    expect(second.redelivered).toEqual([]);
    expect(second.skipped.sort()).toEqual([lost, received].sort());
    expect(fake.state.hookDeliveries.filter((d) => d.guid === lost && d.redelivery)).toHaveLength(1);
    fake.assertNoUnexpected();
  });

  it('follows the cursor through pages and stops at maxPages', async () => {
    const { fake, sweep } = await setUp();
    const guids = Array.from({ length: 250 }, () => randomUUID());
    for (const guid of guids) fake.addHookDelivery({ guid, status: 'OK', minutesAgo: 5 });
    const all = await redeliverFailedDeliveries(sweep);
    expect(all).toMatchObject({ pages: 3, seen: 250, redelivered: [] });
    const bounded = await redeliverFailedDeliveries({ ...sweep, maxPages: 2 });
    expect(bounded).toMatchObject({ pages: 2, seen: 200 });
    const cursors = fake.requests.filter((r) => r.path === '/app/hook/deliveries').map((r) => r.query.cursor ?? null);
    expect(cursors.slice(0, 3)).toEqual([null, expect.stringMatching(/^v1_\d+$/), expect.stringMatching(/^v1_\d+$/)]);
    fake.assertNoUnexpected();
  });

  it('a refused redelivery is given back and tried again by the next sweep', async () => {
    const { fake, sweep } = await setUp();
    const lost = randomUUID();
    fake.addHookDelivery({ guid: lost });
    fake.failNext('POST', /^\/app\/hook\/deliveries\/\d+\/attempts$/, 422, { body: { message: 'Validation Failed' } });
    const refused: string[] = [];
    expect((await redeliverFailedDeliveries({ ...sweep, onRefused: (d) => refused.push(d.guid) })).redelivered).toEqual(
      [],
    );
    expect(refused).toEqual([lost]);
    expect((await redeliverFailedDeliveries(sweep)).redelivered).toEqual([lost]);
  });

  it('with two sweepers on one Redis only the lock holder sweeps; when it stops, the other takes over', async () => {
    const { fake, redis, sweep } = await setUp();
    fake.addHookDelivery({ guid: randomUUID() });
    const lockKey = `${redis.prefix}:perfbot:sweeper-lock`;
    const start = () => {
      const sweeper = startDeliverySweeper({
        ...sweep,
        lock: createRedisLeaderLock(redis!.connect('producer'), lockKey, 1_000),
        intervalMs: 50,
        renewEveryMs: 300,
      });
      sweepers.push(sweeper);
      return sweeper;
    };
    const a = start();
    const b = start();
    const [leader, follower] = await eventually('a leader that swept three times', () => {
      const ranked = [a, b].sort((x, y) => y.status().sweeps - x.status().sweeps);
      return ranked[0]!.status().sweeps >= 3 ? ranked : undefined;
    });
    expect(follower!.status()).toEqual({ leader: false, sweeps: 0 });
    expect(attempts(fake)).toHaveLength(1);

    await leader!.close();
    await eventually('the other sweeper leading', () => follower!.status().sweeps > 0);
    expect(attempts(fake)).toHaveLength(1);
    fake.assertNoUnexpected();
  });
});
