import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { historyOf, optimize, readCheckpoint } from './optimize-cli-harness.ts';
import { createOptimizeFixture } from './optimize-fixture.ts';

afterAll(cleanupAll);

describe('perfbot optimize: special-casing the benchmark input is for the reviewers to catch', () => {
  it('stops before COMMIT when a reviewer reports benchmark gaming, which blocks by default', async () => {
    const fixture = await createOptimizeFixture({
      optimizer: './optimizer-hardcode-input.mjs',
      reviewer: './reviewer-flag-gaming.mjs',
    });
    const run = await optimize(fixture, ['--target', '20%', '--max-iter', '1']);
    expect(run.code, run.stderr).toBe(1);
    const state = await readCheckpoint(fixture);
    // The trick passes the tests and the targets: nothing but the review stands in its way.
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets met',
      'review: blocking findings',
      'complete: stopped',
    ]);
    expect(state.stop?.reason).toBe('1 review finding still blocks the change after review round 1 of 1');
    expect(state.reviewFindings?.map((finding) => [finding.severity, finding.title])).toEqual([
      ['critical', "Benchmark gaming: special case for the benchmark's input"],
    ]);
    // The report names the finding, and its figure is not offered as a speed-up.
    const report = run.stdout.replaceAll('\\', '');
    expect(report).toContain(
      "**Blocking review findings:**\n- [critical] Benchmark gaming: special case for the benchmark's input",
    );
    expect(report).toMatch(/^\*\*Best iteration:\*\* 1, .* — not committed: the review blocked this change$/m);
    expect(await fixture.repo.git('branch', '--list', `perf/${fixture.task}`)).toBe('');
  });
});
