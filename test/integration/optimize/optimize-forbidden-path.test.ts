import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { historyOf, optimize, readCheckpoint } from './optimize-cli-harness.ts';
import { createOptimizeFixture } from './optimize-fixture.ts';

afterAll(cleanupAll);

describe('perfbot optimize: files the agent may not change', () => {
  it('rejects and discards a change that touches CI config and the lockfile, and never commits them', async () => {
    const fixture = await createOptimizeFixture({ optimizer: './optimizer-forbidden.mjs,optimizer-fix-slow' });
    const run = await optimize(fixture, ['--target', '20%']);
    expect(run.code, run.stderr).toBe(0);

    const state = await readCheckpoint(fixture);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes rejected',
      'optimize: changes made',
      'verify: targets met',
      'review: no blocking findings',
      'confirm: confirmed',
      'commit: committed locally',
      'complete: completed',
    ]);
    expect(state.history[3]?.note).toBe('rejected: .github/workflows/x.yml, package-lock.json');
    // The rejected iteration left nothing behind: its stored change is the empty one it started from.
    expect(await readFile(path.join(fixture.runDir, 'change-1.patch'), 'utf8')).toBe('');

    // The next optimizer was told which files and why, and started from the discarded state (its fix applied).
    const calls = await fixture.calls();
    const prompt = await fixture.prompt(calls.lastIndexOf('optimizer') + 1);
    expect(prompt).toContain('.github/workflows/x.yml');
    expect(prompt).toContain('CI configuration may not be changed by the agent');
    expect(prompt).toContain('lockfiles may not be changed');

    const branch = `perf/${fixture.task}`;
    expect(await fixture.repo.git('show', '--name-only', '--format=', branch)).toBe('src/slow.js');
    expect(await fixture.repo.git('ls-tree', '-r', '--name-only', branch)).not.toContain('.github/workflows');
    expect(await fixture.repo.git('show', `${branch}:package-lock.json`)).toBe('{}');
  });
});
