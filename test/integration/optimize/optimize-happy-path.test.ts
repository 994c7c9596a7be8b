import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { historyOf, optimize, readCheckpoint } from './optimize-cli-harness.ts';
import { createOptimizeFixture } from './optimize-fixture.ts';

afterAll(cleanupAll);

describe('perfbot optimize: the happy path', () => {
  it('fixes the slow function, verifies the target, passes review and leaves one commit on perf/<task>', async () => {
    const fixture = await createOptimizeFixture({ optimizer: 'optimizer-fix-slow' });
    const run = await optimize(fixture, ['--target', '20%']);
    expect(run.code, run.stderr).toBe(0);

    const state = await readCheckpoint(fixture);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets met',
      'review: no blocking findings',
      'confirm: confirmed',
      'commit: committed locally',
      'complete: completed',
    ]);
    expect(state.phase).toBe('done');
    expect(state.stop).toBeUndefined();

    // One commit on perf/<task> in the user's repository, on top of the starting commit.
    const branch = `perf/${fixture.task}`;
    expect(await fixture.repo.git('rev-list', '--count', `${fixture.start}..${branch}`)).toBe('1');
    expect(await fixture.repo.git('rev-parse', `${branch}^`)).toBe(fixture.start);
    expect(await fixture.repo.git('rev-parse', branch)).toBe(state.commitSha);
    expect(await fixture.repo.git('show', '--name-only', '--format=', branch)).toBe('src/slow.js');
    const message = await fixture.repo.git('log', '-1', '--format=%B', branch);
    const lines = message.split('\n');
    expect(lines[0]).toBe('perf: optimize src/slow.js');
    expect(lines[2]).toBe('Improvements:');
    expect(lines[3]).toMatch(/^- Speed \(slowSum\): \S+ \S+ → \S+ \S+ \(\d+\.\d% faster\)$/);
    expect(lines[4]).toMatch(/^- Memory: /);
    expect(message).toContain('Perfbot-Agent: scripted (command)');
    expect(message).toContain(`Perfbot-Run: ${fixture.task}`);
    // The committed code is the fast version, with the fixture's comment blocks gone.
    const committed = await fixture.repo.git('show', `${branch}:src/slow.js`);
    expect(committed).toContain('prefix += values[i];');
    expect(committed).not.toContain('PERFBOT-SLOW-START');

    // The user's working tree and current branch were not touched.
    expect(await fixture.repo.git('status', '--porcelain')).toBe('');
    expect(await fixture.repo.git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    expect(await fixture.repo.git('rev-parse', 'HEAD')).toBe(fixture.start);

    // bots/ artifacts exist where the command says, and none of them is in the commit.
    const artifactsDir = path.join(fixture.runDir, 'bots');
    expect(run.stdout).toContain(`Artifacts: ${artifactsDir}`);
    expect(run.stdout).toContain(`Commit ${state.commitSha?.slice(0, 7)} is on branch ${branch} of your repository.`);
    const artifacts = await readdir(artifactsDir);
    for (const name of [
      'perf-targets.md',
      'benchmark-before.txt',
      'benchmark-before.json',
      'perf-analysis.md',
      'perf-change.patch',
      'benchmark-after-1.json',
      'benchmark-after.txt',
      'perf-results.md',
      'review.md',
      'review-code.md',
      'review-security.md',
      'review-errors.md',
      'commit-message.txt',
      'final-report.md',
    ]) {
      expect(artifacts).toContain(name);
    }
    expect(await fixture.repo.git('ls-tree', '-r', '--name-only', branch)).not.toMatch(/^bots\//m);
    expect(await readFile(path.join(artifactsDir, 'perf-targets.md'), 'utf8')).toContain(
      '| geometric mean of all benchmarks | 20.0% faster | `/perf optimize --target` |',
    );
    expect(await readFile(path.join(artifactsDir, 'perf-results.md'), 'utf8')).toContain('**All targets met.**');
    expect(await readFile(path.join(artifactsDir, 'commit-message.txt'), 'utf8')).toBe(`${message}\n`);

    // The final report is printed, and the agents ran once each (nine reviewers).
    expect(run.stdout).toMatch(/^## ✅ Optimization complete\n/);
    const calls = await fixture.calls();
    expect(calls.filter((call) => call === 'analyzer')).toHaveLength(1);
    expect(calls.filter((call) => call === 'optimizer')).toHaveLength(1);
    expect(calls.filter((call) => call.startsWith('reviewer:')).sort()).toEqual(
      ['architecture', 'code', 'debugging', 'docs', 'errors', 'language', 'performance', 'quality', 'security'].map(
        (kind) => `reviewer:${kind}`,
      ),
    );
  });
});
