import { rm } from 'node:fs/promises';
import type { MirrorGit } from './mirror-git.ts';

export interface RemoveWorktreeInput {
  git: MirrorGit;
  worktreePath: string;
  /** Admin directory in the mirror, when known; deleted even if git no longer recognises the worktree. */
  adminDir?: string;
  branch: string;
}

/**
 * Removes a worktree completely and idempotently: files, admin directory and branch. Each step tolerates
 * what a previous (possibly crashed) attempt or untrusted code left: `git worktree remove` refuses when
 * the worktree's `.git` file was rewritten, so the directories are deleted directly afterwards.
 * Call under the mirror lock, after `sanitizeMirror`.
 */
export async function removeWorktree(input: RemoveWorktreeInput): Promise<void> {
  const { git } = input;
  // Twice `--force`: also removes dirty and locked worktrees (ours are always locked, see `lockReason`).
  await git(['worktree', 'remove', '--force', '--force', input.worktreePath]).catch(() => undefined);
  await rm(input.worktreePath, { recursive: true, force: true });
  if (input.adminDir) await rm(input.adminDir, { recursive: true, force: true });
  await git(['worktree', 'prune']).catch(() => undefined);
  await git(['branch', '-D', '--', input.branch]).catch(() => undefined);
}
