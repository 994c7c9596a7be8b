import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { commentPayload, eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

let harness: AppHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await cleanupAll();
});

describe('the redelivery sweeper, end to end', () => {
  it('a /perf help GitHub failed to deliver is redelivered once by the sweeper and answered; /metrics counts it', async () => {
    harness = await startAppHarness({ env: { PERFBOT_REDELIVERY_INTERVAL_SECONDS: '1' } });
    const h = harness;
    const { fake } = h;
    // GitHub sends the redelivered event to the app, as it would after an outage.
    fake.state.sendWebhook = async (delivery) =>
      (await h.deliver(delivery.event, delivery.payload, { deliveryId: delivery.guid })).status;
    const lost = randomUUID();
    const payload = commentPayload(
      fake,
      'https://github.com/octo-org/perf-demo.git',
      '/perf help',
      'maintainer',
      'User',
      'created',
    );
    fake.addHookDelivery({ guid: lost, status: 'failed to connect to host', statusCode: 0, payload });
    // Delivered fine the first time: the app enqueued it, so the sweeper must leave it alone.
    const fine = await h.comment('/perf help');
    fake.addHookDelivery({ guid: fine.deliveryId, status: 'timed out', statusCode: 0, payload: {} });

    const reply = await eventually('the reply to the redelivered comment', () => h.replyTo(lost), h);
    expect(reply).toContain('/perf bench');
    await eventually(
      'two more sweeps after the redelivery',
      () => fake.requests.filter((r) => r.path === '/app/hook/deliveries').length >= 4,
      h,
    );
    const attempts = fake.requests.filter(
      (r) => r.method === 'POST' && /^\/app\/hook\/deliveries\/\d+\/attempts$/.test(r.path),
    );
    expect(attempts).toHaveLength(1);
    expect(fake.state.hookDeliveries.filter((d) => d.guid === lost).map((d) => [d.redelivery, d.status])).toEqual([
      [false, 'failed to connect to host'],
      [true, 'OK'],
    ]);
    expect(h.botComments().filter((c) => c.body.includes(`reply-${lost}`))).toHaveLength(1);
    const metrics = await (await fetch(`${h.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^perfbot_webhook_redeliveries_total\{outcome="requested"\} 1$/m);
    fake.assertNoUnexpected();
  }, 60_000);
});
