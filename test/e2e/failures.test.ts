import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { DEFAULT_PERF_YML, eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

const short = (sha: string) => sha.slice(0, 7);

let harness: AppHarness;
beforeAll(async () => {
  harness = await startAppHarness();
});
afterAll(async () => {
  expect(await harness.stop()).toBe(0);
  await cleanupAll();
});

/** Starts `/perf bench` and waits until its run has failed for good and reported it; returns the status comment and check run. */
async function benchThatFails() {
  const { fake } = harness;
  const statusBefore = harness.statusComments().length;
  const checksBefore = fake.repo.checkRuns.length;
  const failedBefore = (await harness.jobCounts()).run.failed ?? 0;
  await harness.comment('/perf bench');
  await eventually(
    'the run to fail',
    async () => (await harness.jobCounts()).run.failed === failedBefore + 1,
    harness,
    60_000,
  );
  const status = harness.statusComments().slice(statusBefore);
  const checks = fake.repo.checkRuns.slice(checksBefore);
  // Failed for good: one status comment, one check run, nothing retried or left in the queue.
  expect(status).toHaveLength(1);
  expect(checks).toHaveLength(1);
  expect(await harness.liveRuns()).toEqual([]);
  return { status: status[0]!.body, check: checks[0]! };
}

describe('runs that cannot succeed', () => {
  it('an invalid .github/perf.yml gets one reply naming each problem and its line; nothing runs', async () => {
    harness.fake.setFile('.github/perf.yml', 'benchmark:\n  comand: node bench.js\n  runs: 0\n');
    try {
      const delivery = await harness.comment('/perf bench');
      const reply = await eventually('the config-error reply', () => harness.replyTo(delivery.deliveryId), harness);
      expect(reply).toBe(
        [
          '⚠️ **Perfbot cannot run: .github/perf.yml on the default branch needs a fix.**',
          '',
          '```text',
          '.github/perf.yml has 2 problems:',
          '  .github/perf.yml:2:3: benchmark.comand: unknown key (did you mean "command"?)',
          '    2 |   comand: node bench.js',
          '      |   ^',
          '  .github/perf.yml:3:9: benchmark.runs: expected a positive integer, got 0',
          '    3 |   runs: 0',
          '      |         ^',
          'See docs/perf-yml.md for every key, its default and an example.',
          '```',
          '',
          'Perfbot reads its configuration from the default branch only, so merge the fix there first. See docs/perf-yml.md for every key.',
        ].join('\n'),
      );
    } finally {
      harness.fake.setFile('.github/perf.yml', DEFAULT_PERF_YML);
    }
    expect(harness.botComments().filter((c) => c.body.startsWith('<!-- perfbot:'))).toHaveLength(1);
    expect(harness.fake.repo.checkRuns).toEqual([]);
    expect(await harness.jobCounts()).toMatchObject({ run: { waiting: 0, active: 0, completed: 0, failed: 0 } });
    harness.fake.assertNoUnexpected();
  });

  it('a benchmark that hangs is killed after benchmark.timeoutSeconds: ❌ timed out, check run failed, no process left', async () => {
    harness.fake.setFile('.github/perf.yml', 'benchmark:\n  command: "sleep 1000"\n  timeoutSeconds: 1\n  runs: 6\n');
    try {
      const { status, check } = await benchThatFails();
      // Failed means over: the runner killed the whole process tree before reporting.
      expect(status).toMatch(/❌ \*\*benchmark\.command timed out on (base|head) after 1 s\*\*/);
      expect(status).toContain('- ❌ Measure (interleaved pairs)');
      expect(status).toContain(
        '**What to do:** Make it faster (run fewer or shorter benchmarks per invocation), or raise `benchmark.timeoutSeconds` in `.github/perf.yml`.',
      );
      expect(check.conclusion).toBe('failure');
      expect(check.output.title).toMatch(/^benchmark\.command timed out on (base|head) after 1 s$/);
    } finally {
      harness.fake.setFile('.github/perf.yml', DEFAULT_PERF_YML);
    }
    expect(await harness.processesInWorkDir('sleep 1000')).toEqual([]);
    harness.fake.assertNoUnexpected();
  }, 90_000);

  it('a benchmark that crashes on head: ❌ with the exit code, the fix for head and its output; check run failed', async () => {
    const crashing = await harness.pushToPull({
      'bench.js': "console.error('tokenizer exploded at line 42');\nprocess.exit(3);\n",
    });
    const { status, check } = await benchThatFails();
    expect(status).toContain(`head \`${short(crashing)}\``);
    expect(status).toContain('❌ **benchmark.command failed on head (exit code 3)**');
    expect(status).toContain(
      '**What to do:** Run `benchmark.command` from the repository root in a clean checkout of this pull request and fix the error in the output below. If it passes on the base branch, this pull request broke it.',
    );
    expect(status).toContain('tokenizer exploded at line 42');
    expect(check.headSha).toBe(crashing);
    expect(check.conclusion).toBe('failure');
    expect(check.output.title).toBe('benchmark.command failed on head (exit code 3)');
    expect(check.output.summary).toContain('tokenizer exploded at line 42');
    harness.fake.assertNoUnexpected();
  }, 90_000);
});
