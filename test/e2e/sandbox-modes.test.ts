import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

// What a maintainer sees about the sandbox: the report says how the commands were isolated; where the sandbox
// cannot start, nothing from the PR runs and the PR says why; PERFBOT_SANDBOX=none is stated in the report.

let harness: AppHarness | undefined;
afterEach(async () => {
  if (harness) expect(await harness.stop()).toBe(0);
  harness = undefined;
  await cleanupAll();
});

async function benchReport(h: AppHarness): Promise<{ status: string; checkSummary: string }> {
  await h.comment('/perf bench');
  const done = await eventually(
    'the finished status comment',
    () =>
      h
        .statusComments()
        .find((c) => /How we measured|could not|cannot/.test(c.body) && !/⏳/.test(c.body.split('\n')[1] ?? '')),
    h,
    90_000,
  );
  const check = await eventually(
    'the completed check run',
    () => h.fake.repo.checkRuns.find((c) => c.status === 'completed'),
    h,
    30_000,
  );
  return { status: done.body, checkSummary: `${check.output?.summary ?? ''}\n${check.output?.text ?? ''}` };
}

describe('the sandbox, as the pull request shows it', () => {
  it('says in "How we measured" that every command ran in the bubblewrap sandbox', async () => {
    harness = await startAppHarness();
    const { status } = await benchReport(harness);
    expect(status).toContain('**Isolation:** every command ran in a bubblewrap sandbox');
  });

  it('runs nothing from the PR where the sandbox cannot start, and says why in the PR and the logs', async () => {
    harness = await startAppHarness({ env: { PERFBOT_BWRAP: '/nonexistent/bwrap' } });
    const { status, checkSummary } = await benchReport(harness);
    expect(status).toContain("Perfbot's sandbox cannot start on this worker, so no code from the pull request was run");
    expect(status).toContain('PERFBOT\\_SANDBOX=none');
    expect(checkSummary).toContain('sandbox cannot start');
    expect(harness.fake.repo.checkRuns.find((c) => c.status === 'completed')?.conclusion).toBe('failure');
    expect(harness.output()).toMatch(/sandbox cannot start on this worker/);
  });

  it('with PERFBOT_SANDBOX=none, the report says the commands ran without a sandbox', async () => {
    harness = await startAppHarness({ env: { PERFBOT_SANDBOX: 'none' } });
    const { status } = await benchReport(harness);
    expect(status).toContain(
      "**Isolation:** no sandbox (the operator turned the sandbox off): commands ran as the worker's own user",
    );
    expect(harness.output()).toContain('PERFBOT_SANDBOX=none');
  });
});
