import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MirrorGit } from './mirror-git.ts';
import type { WorktreeDiff } from './workspace.ts';

export interface DiffWorktreeInput {
  git: MirrorGit;
  mirrorDir: string;
  adminDir: string;
  worktreePath: string;
  sha: string;
}

/**
 * Computes what changed in a worktree since `sha`, including new files, without touching the worktree's
 * own index: a throw-away index is filled from `sha`, then from the files (`git add -A`), and compared.
 *
 * `GIT_DIR`, `GIT_COMMON_DIR` and `GIT_WORK_TREE` are passed explicitly, so the worktree's `.git` file and
 * its admin dir's `commondir` file — both writable by the untrusted code that ran there — are not consulted.
 * `--no-ext-diff --no-textconv` keep diff programs from running; filters are covered by `sanitizeMirror`.
 */
export async function diffWorktree(input: DiffWorktreeInput): Promise<WorktreeDiff> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'perfbot-index-'));
  const env = {
    GIT_DIR: input.adminDir,
    GIT_COMMON_DIR: input.mirrorDir,
    GIT_WORK_TREE: input.worktreePath,
    GIT_INDEX_FILE: path.join(scratch, 'index'),
  };
  try {
    await input.git(['read-tree', input.sha], env);
    // `:/` is the top of the work tree, whatever git's working directory (the mirror) is.
    await input.git(['add', '--all', '--', ':/'], env);
    const names = await input.git(['diff', '--cached', '--no-renames', '--name-only', '-z', input.sha, '--'], env);
    const patch = await input.git(
      ['diff', '--cached', '--no-renames', '--binary', '--no-ext-diff', '--no-textconv', '--no-color', input.sha, '--'],
      env,
    );
    const files = names
      .split('\0')
      .filter((name) => name.length > 0)
      .sort();
    return { patch, files };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
