import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { commentPayload, eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';
import { examplePayload } from '../helpers/webhook-delivery.ts';

const HELP_START = '#### `/perf` commands\n';
const CLONE_URL = 'https://github.com/octo-org/perf-demo.git';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startAppHarness();
});
afterAll(async () => {
  expect(await harness.stop()).toBe(0);
  await cleanupAll();
});

const intakeJobs = async () => Object.values((await harness.jobCounts()).intake).reduce((a, b) => a + b, 0);
const apiCallsSince = (index: number) => harness.fake.requests.slice(index).map((r) => `${r.method} ${r.path}`);

/** Waits until the intake queue has no job left to process, and has completed `completed` jobs in all. */
async function intakeSettled(completed: number): Promise<void> {
  await eventually(
    `intake to settle at ${completed} completed jobs`,
    async () => {
      const counts = (await harness.jobCounts()).intake;
      return (
        counts.completed === completed &&
        counts.waiting === 0 &&
        counts.active === 0 &&
        counts.delayed === 0 &&
        counts.failed === 0
      );
    },
    harness,
  );
}

describe('webhook deliveries', () => {
  it('refuses unsigned and badly signed deliveries before doing anything, and still serves a signed one afterwards', async () => {
    const payload = commentPayload(harness.fake, CLONE_URL, '/perf bench', 'maintainer', 'User', 'created');
    const unsigned = await harness.deliver('issue_comment', payload, { signature: null });
    const wrongSecret = await harness.deliver('issue_comment', payload, { secret: 'not-the-secret' });
    const garbage = await harness.deliver('issue_comment', payload, { signature: 'sha256=deadbeef' });
    // What GitHub's "Recent Deliveries" page would record: rejected (400), with the reason.
    expect([unsigned.status, wrongSecret.status, garbage.status]).toEqual([400, 400, 400]);
    expect(JSON.parse(unsigned.body)).toEqual({ error: 'Required headers missing: x-hub-signature-256' });
    for (const bad of [wrongSecret, garbage]) {
      expect(JSON.parse(bad.body)).toEqual({
        error: 'Error: [@octokit/webhooks] signature does not match event payload and secret',
      });
    }
    expect(await intakeJobs()).toBe(0);
    expect(harness.fake.requests).toEqual([]);

    const signed = await harness.comment('/perf help');
    expect(signed.status).toBe(200);
    const reply = await eventually('the help reply', () => harness.replyTo(signed.deliveryId), harness);
    expect(reply.startsWith(HELP_START)).toBe(true);
    expect(harness.botComments()).toHaveLength(1);
    expect(harness.fake.repo.checkRuns).toEqual([]);
    await intakeSettled(1);
    harness.fake.assertNoUnexpected();
  });

  it('a redelivery (same X-GitHub-Delivery) is answered 200 and handled once: one permission check, one 👀, one reply', async () => {
    const { fake } = harness;
    const first = fake.requests.length;
    const deliveryId = randomUUID();
    const payload = commentPayload(fake, CLONE_URL, '/perf help', 'maintainer', 'User', 'created');
    const original = await harness.deliver('issue_comment', payload, { deliveryId });
    const reply = await eventually('the reply', () => harness.replyTo(deliveryId), harness);
    await intakeSettled(2);
    const redelivered = await harness.deliver('issue_comment', payload, { deliveryId });
    const again = await harness.deliver('issue_comment', payload, { deliveryId });
    expect([original.status, redelivered.status, again.status]).toEqual([200, 200, 200]);
    // The redeliveries were never enqueued: nothing is waiting, and no further job completed.
    await intakeSettled(2);
    expect(harness.replyTo(deliveryId)).toBe(reply);
    expect(harness.botComments().filter((c) => c.body.includes(`reply-${deliveryId}`))).toHaveLength(1);
    expect(apiCallsSince(first).filter((c) => c.endsWith('/permission'))).toEqual([
      'GET /repos/octo-org/perf-demo/collaborators/maintainer/permission',
    ]);
    expect(apiCallsSince(first).filter((c) => c.endsWith('/reactions'))).toHaveLength(1);
    fake.assertNoUnexpected();
  });

  it('an edited comment never starts anything, even when the edit adds /perf bench', async () => {
    const first = harness.fake.requests.length;
    const edited = await harness.comment('/perf bench', { action: 'edited' });
    expect(edited.status).toBe(200);
    // Dropped by the webhook handler itself: the answer came after the decision, so the queue already shows it.
    await intakeSettled(2);
    expect(apiCallsSince(first)).toEqual([]);
    harness.fake.assertNoUnexpected();
  });

  it('comments by bots, including Perfbot itself, never start anything', async () => {
    const { fake } = harness;
    const first = fake.requests.length;
    const replies = () => harness.botComments().filter((c) => c.body.startsWith('<!-- perfbot:'));
    const before = replies().length;
    const dependabot = await harness.comment('/perf bench', { login: 'dependabot[bot]', type: 'Bot' });
    // Perfbot's own help text has `/perf bench` on a line of its own; answering it would loop.
    const itself = await harness.comment('/perf bench', { login: 'perfbot[bot]', type: 'Bot' });
    const app = await harness.comment('/perf bench', { login: 'some-app', type: 'Bot' });
    expect([dependabot.status, itself.status, app.status]).toEqual([200, 200, 200]);
    // They mention /perf, so they were enqueued; intake then ignored them without a single API call.
    await intakeSettled(5);
    expect(apiCallsSince(first)).toEqual([]);
    expect(replies()).toHaveLength(before);
    expect(fake.repo.reactions.map((r) => r.content)).toEqual(['eyes', 'eyes']);
    expect((await harness.jobCounts()).run).toMatchObject({ waiting: 0, active: 0, completed: 0, failed: 0 });
    fake.assertNoUnexpected();
  });

  it('events and comments that are not commands are answered 200 and never enqueued', async () => {
    const first = harness.fake.requests.length;
    const chatter = await harness.comment('LGTM, ship it');
    const opened = examplePayload('pull_request', (e) => e.action === 'opened' && e.installation !== undefined);
    const pr = await harness.deliver('pull_request', opened);
    const ping = await harness.deliver('ping', { zen: 'Design for failure.', hook_id: 1 });
    expect([chatter.status, pr.status, ping.status]).toEqual([200, 200, 200]);
    await intakeSettled(5);
    expect(apiCallsSince(first)).toEqual([]);
    harness.fake.assertNoUnexpected();
  });
});
