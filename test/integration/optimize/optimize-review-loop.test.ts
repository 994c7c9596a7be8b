import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { historyOf, optimize, readCheckpoint } from './optimize-cli-harness.ts';
import { createOptimizeFixture } from './optimize-fixture.ts';

afterAll(cleanupAll);

describe('perfbot optimize: a blocking review', () => {
  it('sends a critical finding back to OPTIMIZE once, then commits the fixed change', async () => {
    const fixture = await createOptimizeFixture({
      optimizer: 'optimizer-fix-slow,./optimizer-add-comment.mjs',
      reviewer: 'reviewer-critical-once',
    });
    const run = await optimize(fixture, ['--target', '20%', '--max-iter', '3']);
    expect(run.code, run.stderr).toBe(0);

    const state = await readCheckpoint(fixture);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets met',
      'review: blocking findings',
      'optimize: changes made',
      'verify: targets met',
      'review: no blocking findings',
      'confirm: confirmed',
      'commit: committed locally',
      'complete: completed',
    ]);
    expect(state.reviewRounds).toBe(2);
    expect(state.reviewFindings).toEqual([]);

    // The nine identical critical findings were consolidated into one, which the optimizer was asked to fix.
    const firstReview = state.history[5];
    expect(firstReview?.note).toBe('1 findings from 9 of 9 reviewers');
    const calls = await fixture.calls();
    const fixPrompt = await fixture.prompt(calls.lastIndexOf('optimizer') + 1);
    expect(fixPrompt).toContain('Reviewers found these problems in the last change. Fix each of them.');
    expect(fixPrompt).toContain('[critical] The fast path changes the result (src/slow.js:1)');

    // One commit with both changes; the reviewers' state files in bots/ are not in it.
    const branch = `perf/${fixture.task}`;
    expect(await fixture.repo.git('rev-list', '--count', `${fixture.start}..${branch}`)).toBe('1');
    expect(await fixture.repo.git('show', '--name-only', '--format=', branch)).toBe('src/slow.js');
    const committed = await fixture.repo.git('show', `${branch}:src/slow.js`);
    expect(committed).toContain('prefix += values[i];');
    expect(committed).toMatch(/\/\/ reviewed by the optimizer at /);
    const review = await readFile(path.join(fixture.runDir, 'bots', 'review.md'), 'utf8');
    expect(review).toBe('### Review\n\nNo findings.\n');
  });
});
