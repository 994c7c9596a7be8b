import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WorkspaceError } from '../domain/errors.ts';
import type { MirrorGit } from './mirror-git.ts';
import { removeWorktree } from './remove-worktree.ts';
import { isHeldByLiveProcess, listWorktreeAdmins, lockReason } from './worktree-admin.ts';

export interface AddWorktreeInput {
  git: MirrorGit;
  mirrorDir: string;
  worktreePath: string;
  branch: string;
  sha: string;
}

/**
 * `git worktree add --lock` of `sha` on `branch` (reset if it exists) at `worktreePath`. A leftover at that
 * path from a dead process is removed first; one owned by a live process is an error rather than stolen.
 * Returns the admin directory, read from the new worktree's `.git` file before any untrusted code ran.
 * Call under the mirror lock, after `sanitizeMirror`.
 */
export async function addWorktree(input: AddWorktreeInput): Promise<string> {
  const { git, worktreePath, branch } = input;
  const previous = (await listWorktreeAdmins(input.mirrorDir)).find((admin) => admin.worktreePath === worktreePath);
  if (previous && isHeldByLiveProcess(previous)) {
    throw new WorkspaceError(`worktree ${worktreePath} is in use by live process ${previous.ownerPid}`, false);
  }
  await removeWorktree({ git, worktreePath, branch, ...(previous ? { adminDir: previous.dir } : {}) });
  await git(['worktree', 'add', '--quiet', '--lock', '--reason', lockReason(), '-B', branch, worktreePath, input.sha]);
  const pointer = await readFile(path.join(worktreePath, '.git'), 'utf8');
  const adminDir = /^gitdir: (.+)$/m.exec(pointer)?.[1]?.trim();
  if (!adminDir || path.dirname(adminDir) !== path.join(input.mirrorDir, 'worktrees')) {
    throw new WorkspaceError(`unexpected .git file in new worktree ${worktreePath}: ${pointer.trim()}`, false);
  }
  return adminDir;
}
