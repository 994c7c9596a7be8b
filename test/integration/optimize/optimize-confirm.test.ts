import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { historyOf, optimize, readCheckpoint } from './optimize-cli-harness.ts';
import { createOptimizeFixture, FIXTURE_PERF_YML } from './optimize-fixture.ts';

afterAll(cleanupAll);

interface StoredRow {
  benchmark: string;
  metric: string;
  base: { median: number };
  head: { median: number };
}
const slowSumRow = async (runDir: string, file: string) => {
  const report = JSON.parse(await readFile(path.join(runDir, file), 'utf8')) as { comparisons: StoredRow[] };
  return report.comparisons.find((row) => row.benchmark === 'slowSum' && row.metric === 'time')!;
};

describe('perfbot optimize: the figure it claims is a new measurement, not the one that chose the change', () => {
  it("commits with the confirmation run's figures when the gain shrinks on re-measure", async () => {
    // Ten pairs, not the fixture's six: on a loaded machine one wild pair can widen a six-pair interval past zero.
    const fixture = await createOptimizeFixture({
      optimizer: './optimizer-gain-shrinks.mjs',
      perfYml: FIXTURE_PERF_YML.replace('runs: 6', 'runs: 10'),
    });
    const run = await optimize(fixture, ['--target', '20%']);
    expect(run.code, run.stderr).toBe(0);
    const state = await readCheckpoint(fixture);
    expect(historyOf(state)).toContain('confirm: confirmed');

    const verify = await slowSumRow(fixture.runDir, 'verify-1.json');
    const confirm = await slowSumRow(fixture.runDir, 'confirm-1.json');
    const verifyGain = 1 - verify.head.median / verify.base.median;
    const confirmGain = 1 - confirm.head.median / confirm.base.median;
    expect(confirmGain).toBeLessThan(verifyGain);

    const message = await fixture.repo.git('log', '-1', '--format=%B', `perf/${fixture.task}`);
    const claimed = Number(/^- Speed \(slowSum\): .* \((\d+\.\d)% faster\)$/m.exec(message)![1]);
    expect(claimed).toBeCloseTo(confirmGain * 100, 0);
    const report = await readFile(path.join(fixture.runDir, 'bots', 'final-report.md'), 'utf8');
    expect(report).toContain('(the confirmation run on fresh trees, after the review)');
    expect(report).toContain('### Before and after (confirmation run of iteration 1)');
  }, 180_000);

  it('stops without a commit or a claim when the gain vanishes on re-measure', async () => {
    const fixture = await createOptimizeFixture({ optimizer: './optimizer-fast-only-when-verified.mjs' });
    const run = await optimize(fixture, ['--target', '20%', '--max-iter', '1']);
    expect(run.code).toBe(1);
    const state = await readCheckpoint(fixture);
    expect(historyOf(state).slice(-3)).toEqual([
      'review: no blocking findings',
      'confirm: not confirmed',
      'complete: stopped',
    ]);
    expect(state.stop?.reason).toMatch(
      /^the confirmation run on fresh trees no longer meets the targets: .*; nothing was committed or claimed$/,
    );
    expect(state.commitSha).toBeUndefined();
    expect(await fixture.repo.git('branch', '--list', `perf/${fixture.task}`)).toBe('');
    const report = await readFile(path.join(fixture.runDir, 'bots', 'final-report.md'), 'utf8');
    expect(report).toMatch(/— not confirmed: measured again on fresh trees it was /);
    expect(report).not.toContain('## ✅ Optimization complete');
  }, 180_000);
});
