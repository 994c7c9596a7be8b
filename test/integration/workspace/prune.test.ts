import { spawn } from 'node:child_process';
import { mkdir, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitWorkspace } from '../../../src/workspace/create-git-workspace.ts';
import type { BareRemote, TempRepo } from '../../helpers/git-fixtures.ts';
import { cleanupAll, createBareRemote, createTempDir, createTempRepo, gitIn } from '../../helpers/git-fixtures.ts';

let repo: TempRepo;
let remote: BareRemote;

beforeAll(async () => {
  repo = await createTempRepo({ files: { 'a.txt': 'a\n' } });
  remote = await createBareRemote(repo.dir);
});

afterAll(cleanupAll);

const HOUR_AGO = new Date(Date.now() - 3_600_000);

async function oldLock(file: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, '');
  await utimes(file, HOUR_AGO, HOUR_AGO);
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

describe('prune', () => {
  it('removes worktrees and old lock files left by a crashed process, and keeps what is live or recent', async () => {
    const workDir = await createTempDir('perfbot-work-');
    const workspace = createGitWorkspace({ workDir, cloneUrl: remote.url, staleLockAgeMs: 60_000 });
    const sha = await workspace.resolveRef('main');
    const crashed = await workspace.createWorktree('crashed', sha);
    const live = await workspace.createWorktree('live', sha);
    const mirrorDir = path.join(workDir, 'mirrors', `${workspace.repoId}.git`);
    // The process that created `crashed` died: its lock reason names a pid that does not exist.
    await writeFile(path.join(mirrorDir, 'worktrees', 'crashed', 'locked'), `perfbot pid=999999999 host=${hostname()}`);
    const stale = [
      'config.lock',
      'shallow.lock',
      'packed-refs.lock',
      'refs/heads/perf/x.lock',
      'worktrees/live/index.lock',
    ];
    for (const lock of stale) await oldLock(path.join(mirrorDir, lock));
    await writeFile(path.join(mirrorDir, 'HEAD.lock'), '');

    await workspace.prune();

    expect(await exists(crashed.path)).toBe(false);
    expect(await exists(live.path)).toBe(true);
    expect(await readdir(path.join(mirrorDir, 'worktrees'))).toEqual(['live']);
    expect(await gitIn(mirrorDir, 'branch', '--list', 'perf/*', '--format=%(refname:short)')).toBe('perf/live');
    for (const lock of stale) expect(await exists(path.join(mirrorDir, lock))).toBe(false);
    expect(await exists(path.join(mirrorDir, 'HEAD.lock'))).toBe(true);
    await live.remove();
  });

  it('keeps old lock files while a git process is working in the mirror', async () => {
    const workDir = await createTempDir('perfbot-work-');
    const workspace = createGitWorkspace({ workDir, cloneUrl: remote.url, staleLockAgeMs: 60_000 });
    await workspace.fetchRefs(['main']);
    const mirrorDir = path.join(workDir, 'mirrors', `${workspace.repoId}.git`);
    await oldLock(path.join(mirrorDir, 'packed-refs.lock'));
    // A long-running git command in the mirror (it waits on stdin until we close it).
    const busy = spawn('git', ['cat-file', '--batch'], { cwd: mirrorDir, stdio: ['pipe', 'ignore', 'ignore'] });
    await new Promise((resolve) => setTimeout(resolve, 200));

    await workspace.prune();
    expect(await exists(path.join(mirrorDir, 'packed-refs.lock'))).toBe(true);

    await new Promise((resolve) => {
      busy.on('exit', resolve);
      busy.stdin.end();
    });
    await workspace.prune();
    expect(await exists(path.join(mirrorDir, 'packed-refs.lock'))).toBe(false);
  });
});
