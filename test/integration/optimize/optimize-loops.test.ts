import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { historyOf, optimize, readCheckpoint } from './optimize-cli-harness.ts';
import { createOptimizeFixture, type OptimizeFixture } from './optimize-fixture.ts';

afterAll(cleanupAll);

async function branchExists(fixture: OptimizeFixture): Promise<boolean> {
  return fixture.repo.git('branch', '--list', `perf/${fixture.task}`).then((out) => out !== '');
}

describe('perfbot optimize: loops and caps', () => {
  it('sends broken tests back to OPTIMIZE with the failure, then stops at the iteration cap (exit 1)', async () => {
    const fixture = await createOptimizeFixture({ optimizer: 'optimizer-break-tests,./optimizer-add-comment.mjs' });
    const run = await optimize(fixture);
    expect(run.code, run.stderr).toBe(1);

    const state = await readCheckpoint(fixture);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: tests failed',
      'optimize: changes made',
      'verify: tests failed',
      'complete: stopped',
    ]);
    expect(state.stop).toEqual({ phase: 'verify', kind: 'limit', reason: 'tests still fail after iteration 2 of 2' });
    expect(state.testFailures).toContain('test.command exited with code 1');
    expect(state.testFailures).toContain('AssertionError');

    // The second optimizer was told what failed.
    const calls = await fixture.calls();
    const second = calls.lastIndexOf('optimizer') + 1;
    const prompt = await fixture.prompt(second);
    expect(prompt).toContain('The tests fail after the last change.');
    expect(prompt).toContain('test.command exited with code 1');

    // Nothing reached the user's repository; the worktree and artifacts are kept.
    expect(await branchExists(fixture)).toBe(false);
    expect(run.stdout).toMatch(/^## ⏹️ Optimization stopped during verify\n/);
    const worktree = /^Worktree kept for inspection: (.+)$/m.exec(run.stdout)?.[1] ?? '';
    expect((await stat(worktree)).isDirectory()).toBe(true);
    expect(await readFile(path.join(worktree, 'src/slow.js'), 'utf8')).toContain('return values.length;');
    expect(await readFile(path.join(fixture.runDir, 'bots', 'perf-results.md'), 'utf8')).toContain(
      '**Tests:** ❌ failed',
    );
  });

  it('goes back to ANALYZE when the optimizer changes nothing, and stops at the cap (exit 1)', async () => {
    const fixture = await createOptimizeFixture({ optimizer: 'optimizer-noop' });
    const run = await optimize(fixture);
    expect(run.code, run.stderr).toBe(1);
    const state = await readCheckpoint(fixture);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: no changes',
      'analyze: plan written',
      'optimize: no changes',
      'complete: stopped',
    ]);
    expect(state.stop).toEqual({
      phase: 'optimize',
      kind: 'limit',
      reason: 'the agent made no changes in iteration 2 of 2',
    });
    expect((await fixture.calls()).filter((call) => call === 'analyzer')).toHaveLength(2);
    expect(await branchExists(fixture)).toBe(false);
  });

  it('re-analyzes while a verified change misses the target, then stops with the target unmet (exit 1)', async () => {
    const fixture = await createOptimizeFixture({ optimizer: './optimizer-add-comment.mjs' });
    const run = await optimize(fixture, ['--target', '50%']);
    expect(run.code, run.stderr).toBe(1);
    const state = await readCheckpoint(fixture);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets not met',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets not met',
      'complete: stopped',
    ]);
    expect(state.stop?.kind).toBe('limit');
    // A loaded machine can measure the unchanged code as slower too: the broken trade-off is then said after it.
    expect(state.stop?.reason).toMatch(
      /^targets not met after iteration 2 of 2: slowSum .*, target 50\.0% faster(;|$)/,
    );
    expect(state.latest?.iteration).toBe(2);
    // The second analysis was told how the first iteration went.
    const calls = await fixture.calls();
    const analyzerPrompt = await fixture.prompt(calls.lastIndexOf('analyzer') + 1);
    // What it measured is part of the record, so the next analysis does not try the same again.
    expect(analyzerPrompt).toMatch(
      /Iteration 1 \(changes made, targets not met: slowSum .*, target 50\.0% faster\): Added a comment explaining the loop\./,
    );
    expect(await branchExists(fixture)).toBe(false);
    expect(run.stdout).toContain('**Best iteration:**');
  });
});
