import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll, createTempRepo } from '../../helpers/git-fixtures.ts';
import { runCli } from '../../helpers/run-cli.ts';

const PERF_YML = `benchmark:
  command: ["sh", "-c", ":"]
  format: time
  warmup: 0
  timeBudgetSeconds: 3
`;

afterAll(cleanupAll);

describe('perfbot calibrate', () => {
  it('measures the noise of the default branch against itself, keeps it under .git/perfbot/, and bench uses it only on this machine', async () => {
    const repo = await createTempRepo({ files: { '.github/perf.yml': PERF_YML } });
    const run = await runCli(['calibrate', '--repo', repo.dir, '--runs', '6']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`### Noise calibration of \`main@${repo.shas[0]!.slice(0, 7)}\``);
    expect(run.stdout).toMatch(/^\| `\(whole run\)` \| time \| \d+\.\d% \| ±\d+\.\d% \| (\d+|out of reach) \|$/m);
    expect(run.stdout).toContain('Kept in `.git/perfbot/calibration.json` for 30 days.');

    const file = path.join(repo.dir, '.git', 'perfbot', 'calibration.json');
    const stored = JSON.parse(await readFile(file, 'utf8'));
    const [fingerprint] = Object.keys(stored);
    expect(fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(stored[fingerprint!]).toMatchObject({ sha: repo.shas[0], fingerprint, measuredAt: expect.any(String) });
    expect(stored[fingerprint!].benchmarks).toContainEqual(
      expect.objectContaining({ benchmark: '(whole run)', metric: 'time', pairs: 6 }),
    );

    const bench = await runCli(['bench', '--repo', repo.dir, '--base', 'main', '--head', 'main', '--json']);
    const { method } = JSON.parse(bench.stdout);
    expect(method.calibration).toMatchObject({
      benchmark: '(whole run)',
      metric: 'time',
      measuredAt: stored[fingerprint!].measuredAt,
      plannedPairs: method.looks.at(-1),
    });
    expect(method.calibration.noise).toBe(
      stored[fingerprint!].benchmarks.find(
        (b: { metric: string; benchmark: string }) => b.benchmark === '(whole run)' && b.metric === 'time',
      ).noise,
    );

    // The same record under another machine's fingerprint is never used here.
    await writeFile(
      file,
      JSON.stringify({ '0123456789abcdef': { ...stored[fingerprint!], fingerprint: '0123456789abcdef' } }),
    );
    const elsewhere = JSON.parse(
      (await runCli(['bench', '--repo', repo.dir, '--base', 'main', '--head', 'main', '--json'])).stdout,
    );
    expect(elsewhere.method.calibration).toBeUndefined();
  });

  it('says what is wrong with a bad option (exit 2)', async () => {
    const run = await runCli(['calibrate', '--runs', 'two']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--runs: expected an integer ≥ 3, got "two"');
  });
});
