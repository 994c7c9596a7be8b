import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { benchHarness, eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';
import type { FakeCheckRun } from '../fakes/fake-github-state.ts';

/** How Perfbot writes a login: `@` and an invisible word joiner, so nobody is pinged. */
const at = (login: string) => `@\u2060${login}`;

let harness: AppHarness;
beforeAll(async () => {
  // sort 8x slower on head: a regression no busy test machine can blur into "inconclusive".
  harness = await startAppHarness({ headFiles: { 'bench.js': benchHarness(8) } });
  harness.fake.setPermission('reader', 'read');
});
afterAll(async () => {
  expect(await harness.stop()).toBe(0);
  await cleanupAll();
});

const perfChecks = (sha: string) =>
  harness.fake.repo.checkRuns.filter((run) => run.name === 'perf' && run.headSha === sha);

/** Comments `/perf bench` and waits for its `perf` check run on `sha` to fail (sort is 8x slower than on base). */
async function failedBench(sha: string): Promise<FakeCheckRun> {
  const before = perfChecks(sha).length;
  await harness.comment('/perf bench');
  const check = await eventually(
    'a completed perf check run',
    () =>
      perfChecks(sha)
        .slice(before)
        .find((run) => run.status === 'completed'),
    harness,
    120_000,
  );
  expect(check.conclusion).toBe('failure');
  return check;
}

async function replyTo(body: string, login = 'maintainer'): Promise<string> {
  const delivery = await harness.comment(body, { login });
  expect(delivery.status).toBe(200);
  return eventually(`the reply to ${JSON.stringify(body)}`, () => harness.replyTo(delivery.deliveryId), harness);
}

const statusCommentOf = (jobId: string | null) =>
  harness.statusComments().find((c) => c.body.includes(`<!-- perfbot:run-${jobId} -->`))!;

describe('/perf ack [reason], end to end', () => {
  it('waives the failed perf check of the head for a maintainer, not for a reader; the ack shows in the status comment and /perf status', async () => {
    const { fake } = harness;
    const check = await failedBench(harness.headSha);
    const status = statusCommentOf(check.externalId);
    const reportBefore = status.body;

    // A reader may not: denied, and nothing changes.
    const denied = await replyTo('/perf ack looks fine to me', 'reader');
    expect(denied).toContain(`Sorry ${at('reader')}`);
    expect(check.conclusion).toBe('failure');
    expect(statusCommentOf(check.externalId).body).toBe(reportBefore);

    const reply = await replyTo('/perf ack too noisy, known');
    expect(reply).toMatch(
      /^✅ \*\*Regression acknowledged\*\* by @\u2060maintainer on \d{4}-\d\d-\d\d \d\d:\d\d UTC: “too noisy, known”\. /,
    );
    expect(reply).toContain(
      `The \`perf\` check of \`${harness.headSha.slice(0, 7)}\` passes; waived: \`sort\` (\`time\`) +`,
    );
    expect(reply).toContain('after a new push, a new run that fails needs a new `/perf ack`');

    // The same check run, now passing, says who, why and what it waived, above the report it waived.
    expect(perfChecks(harness.headSha)).toHaveLength(1);
    expect(check.conclusion).toBe('success');
    expect(check.output.title).toBe(`Acknowledged by ${at('maintainer')}: too noisy, known`);
    expect(check.output.summary).toMatch(
      /^✅ \*\*Regression acknowledged\*\* by @\u2060maintainer .*waived: `sort` \(`time`\) \+\d+\.\d%/,
    );
    expect(check.output.summary).toMatch(/\*\*The report it waived: .*sort.*slower.*\*\*/);
    expect(check.output.text).toContain('**All comparisons**');
    // The update was made with a token that may write checks (the fake refuses others with 403).
    const patch = fake.requests
      .filter((r) => r.method === 'PATCH' && r.path === `/repos/octo-org/perf-demo/check-runs/${check.id}`)
      .at(-1)!;
    expect(patch.status).toBe(200);
    const token = fake.state.issuedTokens.find((t) => patch.headers.authorization?.endsWith(t.token));
    expect(token?.permissions.checks).toBe('write');

    // The run's status comment, edited in place: the ack right under the verdict, the report otherwise as it was.
    const edited = statusCommentOf(check.externalId).body;
    expect(harness.statusComments()).toHaveLength(1);
    const ackLine = edited.split('\n\n').find((paragraph) => paragraph.startsWith('✅ **Regression acknowledged**'))!;
    expect(ackLine).toBe(reply.split('\n\n')[0]);
    // Under the verdict (its headline and the other metrics), above the table.
    expect(edited.indexOf(ackLine)).toBeGreaterThan(edited.indexOf('Other metrics — '));
    expect(edited.indexOf(ackLine)).toBeLessThan(edited.indexOf('| Benchmark |'));
    expect(edited.replace(`${ackLine}\n\n`, '')).toBe(reportBefore);

    const statusReply = await replyTo('/perf status');
    expect(statusReply).toContain('**Acknowledged regressions on this pull request**');
    expect(statusReply).toMatch(
      new RegExp(
        `^- \`${harness.headSha.slice(0, 7)}\` by @\u2060maintainer on .*: “too noisy, known” \\(waived: \`sort\``,
        'm',
      ),
    );

    // Acknowledging again changes nothing and says so.
    expect(await replyTo('/perf ack')).toMatch(
      /^ℹ️ \*\*Nothing to acknowledge:\*\* the regression of `[0-9a-f]{7}` was already acknowledged by @\u2060maintainer/,
    );
    fake.assertNoUnexpected();
  }, 240_000);

  it('holds for that commit only: after a push there is nothing to ack until a new run fails, whose report mentions the earlier ack', async () => {
    const oldHead = harness.headSha;
    const newHead = await harness.pushToPull({ 'bench.js': `${benchHarness(8)}// still slow\n` });
    const moved = await replyTo('/perf ack same as before');
    expect(moved).toBe(
      `ℹ️ **Nothing to acknowledge: the head moved.** The regression Perfbot found was on \`${oldHead.slice(0, 7)}\`, and this pull request's head is now \`${newHead.slice(0, 7)}\`, which has no failed \`perf\` check; an ack holds for one commit only. Comment \`/perf bench\` to benchmark the new head, and \`/perf ack\` if that run fails.`,
    );
    expect(perfChecks(newHead)).toEqual([]);

    // A new run on the new head fails again, and its report names the earlier ack without applying it.
    const check = await failedBench(newHead);
    const report = statusCommentOf(check.externalId).body;
    expect(report).toContain(`ℹ️ A regression on \`${oldHead.slice(0, 7)}\` was acknowledged by ${at('maintainer')}`);
    expect(report).toContain('An ack holds for that commit only');
    expect(perfChecks(oldHead)[0]!.conclusion).toBe('success');

    // A hostile reason comes out inert: no HTML, no live mention, no code span, no link. (HTML comments never
    // reach the parser: the command-line finder drops them, as GitHub hides them.)
    const hostile = '@everyone <img src=x onerror=alert(1)> `rm -rf` [x](https://evil.example) <!-- hidden -->';
    const reply = await replyTo(`/perf ack ${hostile}`);
    expect(check.conclusion).toBe('success');
    const edited = statusCommentOf(check.externalId).body;
    for (const text of [reply, edited, check.output.summary ?? '']) {
      expect(text).toContain(
        '“@\u2060everyone &lt;img src=x onerror=alert(1)&gt; \\`rm -rf\\` \\[x\\](https:\u2060//evil.example)”',
      );
      // The one link allowed is Perfbot's own, in the status comment's footer: the check run on GitHub.
      expect(text).not.toMatch(/(?<![\w@])@everyone|<img|`rm -rf`|\]\(https:\/\/(?!github\.com\/)|hidden/);
    }
    expect(check.output.title).toBe(
      'Acknowledged by @\u2060maintainer: @\u2060everyone <img src=x onerror=alert(1)> `rm -rf` [x](https://evil.example)',
    );
    harness.fake.assertNoUnexpected();
  }, 240_000);
});
