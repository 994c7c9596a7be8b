import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { historyOf, optimize, readCheckpoint } from './optimize-cli-harness.ts';
import { createOptimizeFixture } from './optimize-fixture.ts';

afterAll(cleanupAll);

const SEED_REVIEW_FILES = [
  'review-code.md',
  'review-security.md',
  'review-performance.md',
  'review-docs.md',
  'review-architecture.md',
  'review-code-quality.md',
  'review-debug.md',
  'review-errors.md',
];

describe('perfbot optimize: the review as the seed workflow writes it', () => {
  it("writes the nine seed files, the language reviewer named after the repository's language, in parallel", async () => {
    const fixture = await createOptimizeFixture({
      optimizer: 'optimizer-fix-slow',
      files: { 'go.mod': 'module example.com/demo\n\ngo 1.22\n' },
    });
    const run = await optimize(fixture, ['--target', '20%']);
    expect(run.code, run.stderr).toBe(0);
    const artifacts = await readdir(path.join(fixture.runDir, 'bots'));
    expect(artifacts.filter((name) => name.startsWith('review-')).sort()).toEqual(
      [...SEED_REVIEW_FILES, 'review-go.md'].sort(),
    );
    // On a Go repository the language reviewer is the seed's Go reviewer.
    const prompts = await fixture.promptsOf('reviewer');
    const go = prompts.find((prompt) => prompt.startsWith('# Role: Go reviewer'));
    expect(go).toContain('goroutine leaks');
    expect(go).toContain('escape analysis');
    expect(prompts.filter((prompt) => prompt.startsWith('# Role: language reviewer'))).toEqual([]);
  }, 120_000);

  it('names the language reviewer after the main language elsewhere (JavaScript here)', async () => {
    const fixture = await createOptimizeFixture({ optimizer: 'optimizer-fix-slow' });
    const run = await optimize(fixture, ['--target', '20%']);
    expect(run.code, run.stderr).toBe(0);
    const artifacts = await readdir(path.join(fixture.runDir, 'bots'));
    expect(artifacts).toContain('review-javascript.md');
    const prompt = (await fixture.promptsOf('reviewer')).find((p) => p.startsWith('# Role: JavaScript reviewer'));
    expect(prompt).toContain('idiomatic JavaScript');
  }, 120_000);

  it('stops before COMMIT when a reviewer fails twice: an unanswered review is not "no findings"', async () => {
    const fixture = await createOptimizeFixture({
      optimizer: 'optimizer-fix-slow',
      reviewer: './reviewer-security-down.mjs',
    });
    const run = await optimize(fixture, ['--target', '20%']);
    expect(run.code).toBe(1);
    const state = await readCheckpoint(fixture);
    expect(historyOf(state).slice(-2)).toEqual(['review: failed', 'complete: stopped']);
    expect(state.stop?.reason).toMatch(
      /^review failed: the review is incomplete: 1 of 9 reviewers failed twice, so nothing was committed: security \(/,
    );
    expect(state.commitSha).toBeUndefined();
    expect(await fixture.repo.git('branch', '--list', `perf/${fixture.task}`)).toBe('');
    // Two rounds of the failing reviewer (each with the adapter's own retry), one of each of the others.
    const calls = await fixture.calls();
    expect(calls.filter((call) => call === 'reviewer:security')).toHaveLength(4);
    expect(calls.filter((call) => call === 'reviewer:code')).toHaveLength(1);
    const review = await readFile(path.join(fixture.runDir, 'bots', 'review.md'), 'utf8');
    expect(review).toContain('**Reviewers that failed**');
  }, 120_000);
});
