import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { historyOf, optimize, readCheckpoint } from './optimize-cli-harness.ts';
import { createOptimizeFixture } from './optimize-fixture.ts';

afterAll(cleanupAll);

describe('perfbot optimize: no state between measured runs', () => {
  it('gives a cache file that run 1 writes and run 2 would read no speed-up, and commits nothing', async () => {
    const fixture = await createOptimizeFixture({ optimizer: './optimizer-cache-across-runs.mjs,optimizer-noop' });
    const run = await optimize(fixture, ['--target', '20%']);
    expect(run.code, run.stderr).toBe(1);
    const state = await readCheckpoint(fixture);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets not met',
      'analyze: plan written',
      'optimize: no changes',
      'complete: stopped',
    ]);
    // The cached version was measured and found no faster than the starting commit.
    expect(state.latest?.iteration).toBe(1);
    expect(state.unmetTargets?.[0]).toMatch(/^slowSum .*, target 20\.0% faster$/);
    expect(state.latest?.primary?.improvement ?? 0).toBeLessThan(0.2);
    expect(await fixture.repo.git('branch', '--list', `perf/${fixture.task}`)).toBe('');
    // The report shows the measurement that found no gain.
    expect(run.stdout.replaceAll('\\', '')).toMatch(/\| verify \| 1 \| targets not met \| [^|]+ \| slowSum /);
  });
});
