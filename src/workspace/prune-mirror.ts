import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { findGitProcesses, usesAnyOf } from './find-git-processes.ts';
import type { MirrorGit } from './mirror-git.ts';
import { removeWorktree } from './remove-worktree.ts';
import { isHeldByLiveProcess, listWorktreeAdmins } from './worktree-admin.ts';

export interface PruneMirrorInput {
  git: MirrorGit;
  mirrorDir: string;
  /** Only worktrees inside this directory are ever deleted, whatever a (possibly planted) `gitdir` says. */
  worktreesDir: string;
  /** A lock file younger than this is left alone. */
  staleLockAgeMs: number;
  now?: number;
}

export interface PruneResult {
  removedWorktrees: string[];
  removedLocks: string[];
}

/**
 * Removes what crashed processes left in a mirror. Call under the mirror lock, after `sanitizeMirror`.
 *
 * - A worktree is stale unless it is locked by a perfbot process that is still alive on this host.
 * - A `*.lock` file (`index.lock`, `HEAD.lock`, `config.lock`, `shallow.lock`, `packed-refs.lock`,
 *   `refs/**.lock`…) is stale when it is older than `staleLockAgeMs` **and** no running git process has its
 *   working directory or `GIT_DIR` in the mirror or one of its live worktrees. Holding the mirror lock
 *   rules out perfbot's own fetches and worktree changes; the process scan covers git commands run inside
 *   worktrees (by `diff()` or by benchmarks). Where processes cannot be listed (no `/proc`), age alone decides.
 */
export async function pruneMirror(input: PruneMirrorInput): Promise<PruneResult> {
  const admins = await listWorktreeAdmins(input.mirrorDir);
  const live = admins.filter(isHeldByLiveProcess);
  // Locks first: a stale `config.lock` or `packed-refs.lock` would make the branch deletions below fail.
  const removedLocks = await pruneStaleLocks(
    input,
    live.map((admin) => admin.worktreePath),
  );
  const removedWorktrees: string[] = [];
  for (const admin of admins.filter((candidate) => !live.includes(candidate))) {
    if (path.dirname(admin.worktreePath) === input.worktreesDir) {
      const branch = `perf/${path.basename(admin.worktreePath)}`;
      await removeWorktree({ git: input.git, worktreePath: admin.worktreePath, adminDir: admin.dir, branch });
    } else {
      // A planted `gitdir` pointing elsewhere loses only its admin dir, never the directory it names.
      await rm(admin.dir, { recursive: true, force: true });
    }
    removedWorktrees.push(admin.worktreePath);
  }
  await input.git(['worktree', 'prune']).catch(() => undefined);
  return { removedWorktrees, removedLocks };
}

async function pruneStaleLocks(input: PruneMirrorInput, liveWorktrees: string[]): Promise<string[]> {
  const now = input.now ?? Date.now();
  const candidates: string[] = [];
  for (const file of await listLockFiles(input.mirrorDir)) {
    const info = await lstat(file).catch(() => undefined);
    if (info && now - info.mtimeMs >= input.staleLockAgeMs) candidates.push(file);
  }
  if (candidates.length === 0) return [];
  const processes = await findGitProcesses();
  const busy = processes?.some((p) => usesAnyOf(p, [input.mirrorDir, ...liveWorktrees])) ?? false;
  if (busy) return [];
  for (const file of candidates) await rm(file, { force: true });
  return candidates.map((file) => path.relative(input.mirrorDir, file));
}

/** Every `*.lock` in the mirror, skipping the loose-object fan-out directories (never locked, often huge). */
async function listLockFiles(dir: string, relative = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, relative), { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) {
      if (/^objects\/[0-9a-f]{2}$/.test(child)) continue;
      found.push(...(await listLockFiles(dir, child)));
    } else if (entry.name.endsWith('.lock')) {
      found.push(path.join(dir, child));
    }
  }
  return found;
}
