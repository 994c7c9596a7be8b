import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

const at = (login: string) => `@\u2060${login}`;

/** Fifty pairs of a benchmark that sleeps 0.31 s: about 30 s of measuring, unless cancelled. */
const LONG_PERF_YML = `benchmark:
  command: "sleep 0.31 && echo '{\\"nap\\": {\\"latency\\": {\\"value\\": 310000000}}}'"
  format: bmf
  runs: 50
`;

let harness: AppHarness;
beforeAll(async () => {
  harness = await startAppHarness({ perfYml: LONG_PERF_YML });
});
afterAll(async () => {
  expect(await harness.stop()).toBe(0);
  await cleanupAll();
});

describe('/perf cancel', () => {
  it('stops a running benchmark: the status comment ends 🚫 cancelled, the check run is cancelled, no benchmark process is left', async () => {
    const { fake } = harness;
    await harness.comment('/perf bench');
    const measuring = await eventually(
      'the status comment to show the measure phase running',
      () => harness.statusComments().find((c) => c.body.includes('- ⏳ **Measure (interleaved pairs)**')),
      harness,
      30_000,
    );
    expect(measuring.body).toContain('- ✅ Check out base and head');
    await eventually(
      'a benchmark process in the work dir',
      async () => (await harness.processesInWorkDir('sleep 0.31')).length > 0,
      harness,
      10_000,
    );
    expect(fake.repo.checkRuns.map((r) => r.status)).toEqual(['in_progress']);

    // While it runs, /perf status lists it in its phase.
    const status = await harness.comment('/perf status');
    const list = await eventually('the /perf status reply', () => harness.replyTo(status.deliveryId), harness);
    expect(list).toContain('**Perfbot jobs in this repository** (1)');
    expect(list).toMatch(
      /\| `run-bench-\d+-pull1-[0-9a-f]{12}-1` \| benchmark \| PR #1 \| ⏳ running \| Measure \(interleaved pairs\) \| [^|]+ \| @\u2060maintainer \|/,
    );

    const cancel = await harness.comment('/perf cancel');
    const reply = await eventually('the /perf cancel reply', () => harness.replyTo(cancel.deliveryId), harness);
    expect(reply).toBe('🚫 Stopping 1 running run; its status comment says when it is done.');

    const check = await eventually(
      'the check run to complete',
      () => fake.repo.checkRuns.find((r) => r.status === 'completed'),
      harness,
      30_000,
    );
    expect(check.conclusion).toBe('cancelled');
    expect(check.output.title).toBe('Cancelled');
    expect(check.output.summary).toBe(`🚫 The run was cancelled by ${at('maintainer')} before it finished.`);
    const [comment, ...others] = harness.statusComments();
    expect(others).toEqual([]);
    expect(comment!.body).toContain('- 🚫 Measure (interleaved pairs)');
    expect(comment!.body).toContain(`🚫 **Cancelled** by ${at('maintainer')} before it finished.`);
    expect(comment!.body).toContain('- ⬜ Report');
    // The run ended only after its whole process tree was gone.
    expect(await harness.processesInWorkDir('sleep 0.31')).toEqual([]);
    const counts = (await harness.jobCounts()).run;
    expect([counts.active, counts.waiting, counts.delayed, counts.failed]).toEqual([0, 0, 0, 1]);
    fake.assertNoUnexpected();
  }, 90_000);

  it('with nothing queued or running, says there is nothing to cancel', async () => {
    const cancel = await harness.comment('/perf cancel');
    const reply = await eventually('the reply', () => harness.replyTo(cancel.deliveryId), harness);
    expect(reply).toBe('ℹ️ Nothing to cancel: no Perfbot run is queued or running for this pull request.');
    harness.fake.assertNoUnexpected();
  });

  it('removes a queued run before it starts: no status comment, no check run, nothing left in the queue', async () => {
    const { fake } = harness;
    const before = { status: harness.statusComments().length, checks: fake.repo.checkRuns.length };
    await harness.pauseRuns(true);
    try {
      await harness.comment('/perf bench');
      await eventually('the run to be queued', async () => (await harness.jobCounts()).run.paused === 1, harness);
      const cancel = await harness.comment('/perf cancel');
      const reply = await eventually('the reply', () => harness.replyTo(cancel.deliveryId), harness);
      expect(reply).toBe('🚫 Removed 1 queued run before it started.');
    } finally {
      await harness.pauseRuns(false);
    }
    const counts = (await harness.jobCounts()).run;
    expect([counts.active, counts.waiting, counts.paused, counts.delayed]).toEqual([0, 0, 0, 0]);
    expect(harness.statusComments()).toHaveLength(before.status);
    expect(fake.repo.checkRuns).toHaveLength(before.checks);
    fake.assertNoUnexpected();
  });
});
