import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { benchHarness, eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

/*
 * Runs are pinned to the head commit the command saw. The run queue is paused (as an operator can from the
 * dashboard) while commands arrive, so that the "queued" states these tests need are certain, not a race.
 */

let harness: AppHarness;
beforeAll(async () => {
  harness = await startAppHarness();
});
afterAll(async () => {
  expect(await harness.stop()).toBe(0);
  await cleanupAll();
});

const short = (sha: string) => sha.slice(0, 7);
const queuedRuns = async () => (await harness.jobCounts()).run.paused ?? 0;

/** Pauses the run queue for `body`, and always resumes it. */
async function whilePaused(body: () => Promise<void>): Promise<void> {
  await harness.pauseRuns(true);
  try {
    await body();
  } finally {
    await harness.pauseRuns(false);
  }
}

describe('one run per head commit', () => {
  it('a second /perf bench for the same commit is answered "already queued" and runs once', async () => {
    const { fake } = harness;
    let jobId = '';
    await whilePaused(async () => {
      await harness.comment('/perf bench');
      await eventually('the run to be queued', async () => (await queuedRuns()) === 1, harness);
      const again = await harness.comment('/perf bench --runs 8');
      const reply = await eventually('the duplicate reply', () => harness.replyTo(again.deliveryId), harness);
      const match =
        /^👀 The same run is already queued or running: run `(run-bench-\d+-pull1-[0-9a-f]{12}-1)`\. Perfbot did not start it twice\. To start over, comment `\/perf cancel` and then the command again\.$/.exec(
          reply,
        );
      expect(match, reply).not.toBeNull();
      jobId = match![1]!;
      expect(await queuedRuns()).toBe(1);
    });
    const check = await eventually(
      'the check run to complete',
      () => fake.repo.checkRuns.find((r) => r.status === 'completed'),
      harness,
      90_000,
    );
    expect(check.externalId).toBe(jobId);
    expect(fake.repo.checkRuns).toHaveLength(1);
    const status = harness.statusComments();
    expect(status).toHaveLength(1);
    expect(status[0]!.body).toContain(`run \`${jobId}\``);
    // Both commands were acknowledged; only the second got a reply.
    expect(fake.repo.reactions.map((r) => r.content)).toEqual(['eyes', 'eyes']);
    expect(harness.botComments().filter((c) => c.body.startsWith('<!-- perfbot:reply-'))).toHaveLength(1);
    fake.assertNoUnexpected();
  }, 120_000);

  it('a push supersedes the queued run of the older commit: only the new head is benchmarked', async () => {
    const { fake } = harness;
    const statusBefore = harness.statusComments().length;
    const checksBefore = fake.repo.checkRuns.length;
    const oldSha = fake.repo.pulls[0]!.headSha;
    let newSha = '';
    await whilePaused(async () => {
      await harness.comment('/perf bench');
      await eventually('the run of the old head to be queued', async () => (await queuedRuns()) === 1, harness);
      const [old] = await harness.liveRuns();
      newSha = await harness.pushToPull({ 'bench.js': benchHarness(2) });
      await harness.comment('/perf bench');
      // The old run is removed from the queue as the new one is queued; the new one waits alone.
      const [queued] = await eventually(
        'the new run to replace the old one',
        async () => {
          const runs = await harness.liveRuns();
          return runs.length === 1 && runs[0]!.headSha === newSha && runs;
        },
        harness,
      );
      expect(queued!.id).not.toBe(old!.id);
      const status = await harness.comment('/perf status');
      const list = await eventually('the /perf status reply', () => harness.replyTo(status.deliveryId), harness);
      expect(list).toContain('**Perfbot jobs in this repository** (1)');
      expect(list).toContain(
        `| \`${queued!.id}\` | benchmark | PR #1 | 🕒 queued, position 1 | — | — | @\u2060maintainer |`,
      );
    });
    const check = await eventually(
      'the new head to be benchmarked',
      () => fake.repo.checkRuns.find((r) => r.headSha === newSha && r.status === 'completed'),
      harness,
      90_000,
    );
    // The verdict itself is bench-comment.test.ts's subject; here only which commit was benchmarked matters.
    expect(['failure', 'neutral', 'success']).toContain(check.conclusion);
    expect(fake.repo.checkRuns.slice(checksBefore).map((r) => r.headSha)).toEqual([newSha]);
    const added = harness.statusComments().slice(statusBefore);
    expect(added).toHaveLength(1);
    expect(added[0]!.body).toContain(`### ⏱️ Perfbot benchmark — head \`${short(newSha)}\` vs base \`main\``);
    expect(added[0]!.body).not.toContain(short(oldSha));
    // The earlier report on this PR is now outdated (minimized), the new one is not.
    if (statusBefore > 0)
      await eventually(
        'the earlier report to be minimized',
        () => harness.statusComments()[statusBefore - 1]!.minimizedAs === 'OUTDATED',
        harness,
      );
    expect(added[0]!.minimizedAs).toBeUndefined();
    // The finished run may still be releasing its job (removing worktrees) when its report is already posted.
    await eventually(
      'no run left in the queue',
      async () => {
        const counts = (await harness.jobCounts()).run;
        return [counts.failed, counts.paused, counts.waiting, counts.active].every((n) => (n ?? 0) === 0);
      },
      harness,
      30_000,
    );
    expect((await harness.jobCounts()).run.failed ?? 0).toBe(0);
    fake.assertNoUnexpected();
  }, 150_000);

  it('a push between the command and the start of its run: the run refuses to benchmark a stale head', async () => {
    const { fake } = harness;
    const statusBefore = harness.statusComments().length;
    const checksBefore = fake.repo.checkRuns.length;
    const pinned = fake.repo.pulls[0]!.headSha;
    let moved = '';
    await whilePaused(async () => {
      await harness.comment('/perf bench');
      await eventually('the run to be queued', async () => (await queuedRuns()) === 1, harness);
      // Pushed without a new command: nothing supersedes the queued run.
      moved = await harness.pushToPull({ 'bench.js': benchHarness(1) });
    });
    const status = await eventually(
      'the head-moved status',
      () => harness.statusComments()[statusBefore],
      harness,
      30_000,
    );
    await eventually('the run to end', async () => (await harness.liveRuns()).length === 0, harness);
    const body = harness.statusComments()[statusBefore]!.body;
    expect(status.id).toBe(harness.statusComments()[statusBefore]!.id);
    expect(body).toContain(
      `⚠️ **Stopped: the pull request's head moved** from \`${short(pinned)}\` to \`${short(moved)}\` after the command was accepted, ` +
        'so the results would describe an outdated commit. Comment `/perf bench` again to benchmark the new head.',
    );
    expect(body).toContain('- 🚫 Check out base and head');
    expect(fake.repo.checkRuns).toHaveLength(checksBefore);
    expect(harness.statusComments()).toHaveLength(statusBefore + 1);
    fake.assertNoUnexpected();
  }, 60_000);
});
