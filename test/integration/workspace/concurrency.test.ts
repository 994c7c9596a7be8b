import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceError } from '../../../src/domain/errors.ts';
import { acquireFileLock } from '../../../src/workspace/acquire-file-lock.ts';
import { createGitWorkspace } from '../../../src/workspace/create-git-workspace.ts';
import type { BareRemote, TempRepo } from '../../helpers/git-fixtures.ts';
import { cleanupAll, createBareRemote, createTempDir, createTempRepo, gitIn } from '../../helpers/git-fixtures.ts';

let repo: TempRepo;
let remote: BareRemote;

beforeAll(async () => {
  repo = await createTempRepo({
    files: { 'v.txt': '0\n' },
    commits: [1, 2, 3].map((n) => ({ files: { 'v.txt': `${n}\n` }, message: `v${n}` })),
  });
  remote = await createBareRemote(repo.dir);
});

afterAll(cleanupAll);

describe('concurrent tasks on one repository', () => {
  it('creates 4 worktrees at once on the same mirror, each at its own SHA', async () => {
    const workDir = await createTempDir('perfbot-work-');
    const workspace = createGitWorkspace({ workDir, cloneUrl: remote.url });
    const worktrees = await Promise.all(repo.shas.map((sha, i) => workspace.createWorktree(`task-${i}`, sha)));
    for (const [i, worktree] of worktrees.entries()) {
      expect(worktree.sha).toBe(repo.shas[i]);
      expect(await gitIn(worktree.path, 'rev-parse', 'HEAD')).toBe(repo.shas[i]);
      expect(await readFile(path.join(worktree.path, 'v.txt'), 'utf8')).toBe(`${i}\n`);
    }
    await Promise.all(worktrees.map((w) => w.remove()));
    const mirrorDir = path.join(workDir, 'mirrors', `${workspace.repoId}.git`);
    expect(await gitIn(mirrorDir, 'worktree', 'list', '--porcelain')).toBe(`worktree ${mirrorDir}\nbare`);
  });

  it('serializes separate workspace objects (as separate jobs would create) through the lock file', async () => {
    const workDir = await createTempDir('perfbot-work-');
    const workspaces = [0, 1, 2, 3].map(() => createGitWorkspace({ workDir, cloneUrl: remote.url }));
    const worktrees = await Promise.all(workspaces.map((ws, i) => ws.createWorktree(`job-${i}`, `main`)));
    expect(worktrees.map((w) => w.sha)).toEqual([repo.shas[3], repo.shas[3], repo.shas[3], repo.shas[3]]);
    await Promise.all(worktrees.map((w) => w.remove()));
  });
});

describe('acquireFileLock', () => {
  it('waits for a live holder, times out naming it, and breaks the lock once that process is gone', async () => {
    const dir = await createTempDir('perfbot-lock-');
    const lockFile = path.join(dir, 'repo.lock');
    const holder = spawn('sleep', ['30']);
    const owner = { pid: holder.pid, host: hostname(), token: 'other', since: '2024-01-01T00:00:00.000Z' };
    await writeFile(lockFile, JSON.stringify(owner));

    const error = (await acquireFileLock(lockFile, { timeoutMs: 300 }).catch((e: unknown) => e)) as WorkspaceError;
    expect(error).toBeInstanceOf(WorkspaceError);
    expect(error.userError).toBe(false);
    expect(error.message).toBe(
      `timed out after 300 ms waiting for ${lockFile}, held by pid ${holder.pid} on ${hostname()} since 2024-01-01T00:00:00.000Z`,
    );

    await new Promise((resolve) => {
      holder.on('exit', resolve);
      holder.kill('SIGKILL');
    });
    const release = await acquireFileLock(lockFile, { timeoutMs: 2_000 });
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    await release();
    expect(await readFile(lockFile, 'utf8').catch(() => 'released')).toBe('released');
  });

  it('lets exactly one of many concurrent waiters hold the lock at a time', async () => {
    const dir = await createTempDir('perfbot-lock-');
    const lockFile = path.join(dir, 'repo.lock');
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const release = await acquireFileLock(lockFile, { maxPollMs: 5 });
        inside += 1;
        maxInside = Math.max(maxInside, inside);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inside -= 1;
        await release();
      }),
    );
    expect(maxInside).toBe(1);
  });
});
