import { chmod, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitWorkspace } from '../../../src/workspace/create-git-workspace.ts';
import { TRUSTED_MIRROR_CONFIG } from '../../../src/workspace/sanitize-mirror.ts';
import type { BareRemote, TempRepo } from '../../helpers/git-fixtures.ts';
import { cleanupAll, createBareRemote, createTempDir, createTempRepo, gitIn } from '../../helpers/git-fixtures.ts';

let repo: TempRepo;
let remote: BareRemote;

beforeAll(async () => {
  repo = await createTempRepo({ files: { 'bench.sh': 'echo 1\n', 'data.txt': 'data\n' } });
  remote = await createBareRemote(repo.dir);
});

afterAll(cleanupAll);

/** An executable that records it ran by creating `<markers>/<name>`; filters also pass stdin through. */
async function markerScript(dir: string, markers: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  const passThrough = name.startsWith('filter') ? 'cat\n' : 'exit 0\n';
  await writeFile(file, `#!/bin/sh\ntouch '${path.join(markers, name)}'\n${passThrough}`);
  await chmod(file, 0o755);
  return file;
}

/**
 * What a hostile benchmark can do from inside its worktree with nothing but git and file writes: every
 * `git config` there lands in the mirror's shared config, and `--git-common-dir` leads to its hooks.
 */
async function plant(worktreePath: string, evilDir: string, markers: string): Promise<void> {
  const hooks = path.join(evilDir, 'hooks');
  await mkdir(hooks, { recursive: true });
  for (const hook of ['post-checkout', 'pre-commit', 'reference-transaction', 'post-index-change', 'pre-auto-gc']) {
    await markerScript(hooks, markers, hook);
  }
  const inWorktree = (...args: string[]) => gitIn(worktreePath, ...args);
  await inWorktree('config', 'core.hooksPath', hooks);
  await inWorktree('config', 'core.fsmonitor', await markerScript(evilDir, markers, 'fsmonitor'));
  await inWorktree('config', 'filter.x.clean', await markerScript(evilDir, markers, 'filter-clean'));
  await inWorktree('config', 'filter.x.smudge', await markerScript(evilDir, markers, 'filter-smudge'));
  await inWorktree('config', 'diff.external', await markerScript(evilDir, markers, 'diff-external'));
  await inWorktree('config', 'core.pager', await markerScript(evilDir, markers, 'pager'));
  await writeFile(path.join(worktreePath, '.gitattributes'), '* filter=x\n');

  const commonDir = path.resolve(worktreePath, await inWorktree('rev-parse', '--git-common-dir'));
  await mkdir(path.join(commonDir, 'hooks'), { recursive: true });
  await markerScript(path.join(commonDir, 'hooks'), markers, 'mirror-reference-transaction');
  await writeFile(
    path.join(commonDir, 'hooks', 'reference-transaction'),
    `#!/bin/sh\ntouch '${path.join(markers, 'mirror-hook')}'\n`,
    { mode: 0o755 },
  );
  await writeFile(path.join(commonDir, 'info', 'attributes'), '* filter=x diff=x\n');
  // The benchmark's "output": a modified tracked file, so status/diff must re-read (and would filter) it.
  await writeFile(path.join(worktreePath, 'data.txt'), 'data changed by the benchmark\n');
}

describe('a worktree after untrusted code ran in it', () => {
  it('runs none of the hooks, fsmonitor, filters, pager or diff programs that code planted', async () => {
    const workDir = await createTempDir('perfbot-work-');
    const evilDir = await createTempDir('perfbot-evil-');
    const markers = await createTempDir('perfbot-markers-');
    const workspace = createGitWorkspace({ workDir, cloneUrl: remote.url });
    const sha = await workspace.resolveRef('main');
    const worktree = await workspace.createWorktree('hostile', sha);

    await plant(worktree.path, evilDir, markers);

    // Control: a plain `git status`, as a naive bot would run it, does execute the planted programs.
    await gitIn(worktree.path, 'status', '--porcelain');
    expect(await readdir(markers)).toEqual(expect.arrayContaining(['filter-clean', 'fsmonitor']));
    await rm(markers, { recursive: true });
    await mkdir(markers);

    // Everything the bot does next, on this worktree and the shared mirror.
    const diff = await worktree.diff();
    await workspace.fetchRefs(['main']);
    const second = await workspace.createWorktree('after-hostile', sha);
    await writeFile(path.join(second.path, 'data.txt'), 'other change\n');
    const secondDiff = await second.diff();
    await worktree.remove();
    await second.remove();
    await workspace.prune();

    expect(await readdir(markers)).toEqual([]);
    expect(diff.files).toEqual(['.gitattributes', 'data.txt']);
    expect(diff.patch).toContain('+data changed by the benchmark\n');
    expect(secondDiff.files).toEqual(['data.txt']);
    expect(await readFile(path.join(second.path, 'bench.sh'), 'utf8').catch(() => 'removed')).toBe('removed');

    const mirrorDir = path.join(workDir, 'mirrors', `${workspace.repoId}.git`);
    expect(await readFile(path.join(mirrorDir, 'config'), 'utf8')).toBe(TRUSTED_MIRROR_CONFIG);
    expect(await stat(path.join(mirrorDir, 'hooks')).catch(() => 'absent')).toBe('absent');
    expect(await stat(path.join(mirrorDir, 'info', 'attributes')).catch(() => 'absent')).toBe('absent');
  });

  it('checks out the next worktree byte for byte, ignoring planted attributes and filters', async () => {
    const workDir = await createTempDir('perfbot-work-');
    const evilDir = await createTempDir('perfbot-evil-');
    const markers = await createTempDir('perfbot-markers-');
    const workspace = createGitWorkspace({ workDir, cloneUrl: remote.url });
    const sha = await workspace.resolveRef('main');
    const first = await workspace.createWorktree('first', sha);
    await plant(first.path, evilDir, markers);
    // The first task is still running (not removed) when the next one starts on the same mirror.
    const next = await workspace.createWorktree('next', sha);
    expect(await readFile(path.join(next.path, 'data.txt'), 'utf8')).toBe('data\n');
    expect(await readdir(markers)).toEqual([]);
    await next.remove();
    await first.remove();
  });
});
