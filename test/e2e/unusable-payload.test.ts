import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import {
  commentPayload,
  eventually,
  labeledPayload,
  startAppHarness,
  type AppHarness,
} from '../helpers/app-harness.ts';

let harness: AppHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await cleanupAll();
});

describe('a webhook payload Perfbot cannot read never vanishes', () => {
  it('a /perf comment with an unreadable payload: warned with the delivery id, counted on /metrics, answered on the PR; nothing runs', async () => {
    harness = await startAppHarness();
    const h = harness;
    const payload = commentPayload(
      h.fake,
      'https://github.com/octo-org/perf-demo.git',
      '/perf bench',
      'maintainer',
      'User',
      'created',
    );
    (payload.comment as Record<string, unknown>).id = 'not-a-number';
    const comment = await h.deliver('issue_comment', payload);
    // A label event without a readable head SHA: nobody typed anything, so it is only logged and counted.
    const label = labeledPayload(h.fake, 'perf:bench', 'HEAD', 'maintainer', 'User');
    const labeled = await h.deliver('pull_request', label);
    expect([comment.status, labeled.status]).toEqual([200, 200]);

    const reply = await eventually(
      'the reply saying the event could not be read',
      () => h.replyTo(comment.deliveryId),
      h,
    );
    expect(reply).toContain('Perfbot could not read this event, so it did nothing.');
    expect(reply).toContain('comment.id');
    expect(reply).toContain(`\`${comment.deliveryId}\``);
    const metrics = await (await fetch(`${h.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/^perfbot_webhook_unusable_total\{event="issue_comment",reason="comment\.id"\} 1$/m);
    expect(metrics).toMatch(
      /^perfbot_webhook_unusable_total\{event="pull_request",reason="pull_request\.head\.sha"\} 1$/m,
    );
    const warnings = h
      .output()
      .split('\n')
      .filter((line) => line.includes('webhook payload Perfbot cannot read'));
    expect(warnings.some((line) => line.includes(comment.deliveryId) && line.includes('"level":40'))).toBe(true);
    expect(warnings.some((line) => line.includes(labeled.deliveryId))).toBe(true);
    expect(h.botComments()).toHaveLength(1);
    expect(h.fake.repo.reactions).toEqual([]);
    expect((await h.jobCounts()).run).toMatchObject({ waiting: 0, active: 0, completed: 0 });
    h.fake.assertNoUnexpected();
  }, 60_000);
});
