import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, createTempRepo } from '../../helpers/git-fixtures.ts';
import { runCli } from '../../helpers/run-cli.ts';

// A ~2 ms command: the fixed schedule would stop at 20 pairs, a fraction of a second of an 8 s budget. (8 s, not
// less: on a loaded machine a sandboxed pair can take ~0.3 s, and the plan must still fit more than 20 pairs.)
const perfYml = (runs: string, budget = 8) => `benchmark:
  command: ["sh", "-c", ":"]
  format: time
  warmup: 0
  timeBudgetSeconds: ${budget}
${runs}`;

afterAll(cleanupAll);

describe('perfbot bench with the pairs planned by time', () => {
  it('plans looks past 20 pairs for a short command from its measured pace, and says why it stopped', async () => {
    const repo = await createTempRepo({ files: { '.github/perf.yml': perfYml('') } });
    const run = await runCli(['bench', '--repo', repo.dir, '--base', 'main', '--head', 'main', '--json']);
    // The schedule is the subject here, not the verdict: an A/A of a 2 ms command may, at the test's level, flag a
    // whole-run row by chance (exit 1). Bad input (2) or a crash would be a failure.
    expect([0, 1], run.stderr).toContain(run.code);
    const { method } = JSON.parse(run.stdout);
    expect(method.schedule).toMatchObject({ kind: 'time-planned', budgetMs: 8_000, maxPairs: 500 });
    // The plan follows the pace it measured. Quiet, a pair takes milliseconds and far more than 20 fit; only when
    // a loaded machine makes 30 pairs overrun 80% of the budget may the plan fall back to the fixed schedule.
    const { perPairMs } = method.schedule;
    if (perPairMs * 30 < 0.8 * 8_000 || method.schedule.limitedBy !== 'fixed-schedule') {
      expect(['time-budget', 'max-pairs']).toContain(method.schedule.limitedBy);
      expect(method.looks.slice(0, 4)).toEqual([6, 10, 15, 25]);
      expect(method.looks.at(-1)).toBeGreaterThan(20);
    } else expect(method.looks).toEqual([6, 10, 15, 20]);
    // The plan fills 80% of the budget at the first look's pace; a slower machine later can still cut it short.
    if (method.stopReason !== 'time-budget') expect(method.looks).toContain(method.stoppedAt);
    // The run ends within the budget, give or take the pair in progress when it ran out.
    expect(method.durationMs).toBeLessThan(8_000 + 2_000);

    const markdown = await runCli(['bench', '--repo', repo.dir, '--base', 'main', '--head', 'main']);
    expect(markdown.stdout).toMatch(
      /\*\*Stopping:\*\* planned by time after the first look \([\d.]+ m?s a pair\): up to .*; looks at 6, 10, 15, (25, .*|20) pairs; stopped at \d+ pairs because (.* \(look \d+ of \d+\)|the time budget ran out)$/m,
    );
  });

  it('caps the plan at runs.max when perf.yml sets it, and keeps runs: N a fixed design', async () => {
    // A budget far beyond 30 pairs of a ~2 ms command, so the cap decides even on a loaded machine.
    const capped = await createTempRepo({ files: { '.github/perf.yml': perfYml('  runs: { max: 30 }\n', 120) } });
    const run = await runCli(['bench', '--repo', capped.dir, '--base', 'main', '--head', 'main', '--json']);
    const { method } = JSON.parse(run.stdout);
    expect(method.looks).toEqual([6, 10, 15, 25, 30]);
    expect(method.schedule).toMatchObject({ kind: 'time-planned', maxPairs: 30, limitedBy: 'max-pairs' });

    const fixed = await createTempRepo({ files: { '.github/perf.yml': perfYml('  runs: 8\n') } });
    const pinned = JSON.parse(
      (await runCli(['bench', '--repo', fixed.dir, '--base', 'main', '--head', 'main', '--json'])).stdout,
    ).method;
    expect(pinned.looks).toEqual([8]);
    expect(pinned.schedule).toEqual({ kind: 'fixed' });
  });
});
