import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { FIXTURE_PERF_YML, createOptimizeFixture } from './optimize-fixture.ts';
import { historyOf, optimize, readCheckpoint } from './optimize-cli-harness.ts';

afterAll(cleanupAll);

describe('perfbot optimize: the ratchet', () => {
  it('reverts an iteration that made things worse: the next one starts from the best change, told what was tried', async () => {
    const fixture = await createOptimizeFixture({
      optimizer: './optimizer-ratchet-partial.mjs,./optimizer-ratchet-worse.mjs,./optimizer-ratchet-finish.mjs',
      perfYml: FIXTURE_PERF_YML.replace('maxIterations: 2', 'maxIterations: 3'),
    });
    const run = await optimize(fixture, ['--target', '70%']);
    expect(run.code, run.stderr).toBe(0);
    const state = await readCheckpoint(fixture);
    const verifies = state.history.filter((entry) => entry.phase === 'verify');
    expect(verifies.map((entry) => entry.outcome)).toEqual(['targets not met', 'targets not met', 'targets met']);
    // Iteration 1 is the best so far; iteration 2 did worse and is not built on.
    expect(verifies[0]?.note).not.toContain('reverted');
    expect(verifies[1]?.note).toMatch(/; reverted to iteration 1, the best so far$/);
    expect(historyOf(state)).toContain('commit: committed locally');

    // The analysis after iteration 2 was told what each try measured and what became of it.
    const analyzerPrompts = await fixture.promptsOf('analyzer');
    expect(analyzerPrompts.some((prompt) => prompt.includes('reverted to iteration 1, the best so far'))).toBe(true);

    // bots/perf-results.md keeps every iteration's results, in order.
    const results = await readFile(path.join(fixture.runDir, 'bots', 'perf-results.md'), 'utf8');
    expect([...results.matchAll(/iteration (\d) of 3/g)].map((match) => match[1])).toEqual(
      expect.arrayContaining(['1', '2', '3']),
    );
    expect(results.indexOf('iteration 1 of 3')).toBeLessThan(results.indexOf('iteration 2 of 3'));

    // The commit holds the finished change, with nothing of the worse one.
    const committed = await fixture.repo.git('show', `perf/${fixture.task}:src/slow.js`);
    expect(committed).toContain('RATCHET-PARTIAL');
    expect(committed).not.toContain('RATCHET-WORSE');
    expect(committed).not.toContain('let waste');
  }, 240_000);
});
