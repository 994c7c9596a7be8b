import { readdir, readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { isProcessAlive } from './is-process-alive.ts';

/** git's bookkeeping for one linked worktree: `<mirror>/worktrees/<name>/`. */
export interface WorktreeAdmin {
  /** The admin directory, used as `GIT_DIR` for commands in the worktree. */
  dir: string;
  /** The checked-out directory it claims (from its `gitdir` file). */
  worktreePath: string;
  /** Pid from a perfbot lock reason on this host, if the worktree is locked by perfbot. */
  ownerPid?: number;
}

/**
 * The reason given to `git worktree add --lock`. git keeps a locked worktree out of `git worktree prune`;
 * perfbot's own prune reads the pid back to decide whether the owner is still alive.
 */
export function lockReason(): string {
  return `perfbot pid=${process.pid} host=${hostname()}`;
}

/** Lists the worktrees registered in a mirror, with the perfbot owner of each when there is one. */
export async function listWorktreeAdmins(mirrorDir: string): Promise<WorktreeAdmin[]> {
  const root = path.join(mirrorDir, 'worktrees');
  const names = await readdir(root).catch(() => [] as string[]);
  const admins: WorktreeAdmin[] = [];
  for (const name of names) {
    const dir = path.join(root, name);
    const gitdir = await readFile(path.join(dir, 'gitdir'), 'utf8').catch(() => '');
    const reason = await readFile(path.join(dir, 'locked'), 'utf8').catch(() => '');
    const owner = /^perfbot pid=(\d+) host=(\S+)/.exec(reason);
    const ownerPid = owner && owner[2] === hostname() ? Number(owner[1]) : undefined;
    admins.push({ dir, worktreePath: path.dirname(gitdir.trim()), ...(ownerPid ? { ownerPid } : {}) });
  }
  return admins;
}

/** Whether a live process other than ours owns this worktree. */
export function isHeldByLiveProcess(admin: WorktreeAdmin): boolean {
  return admin.ownerPid !== undefined && isProcessAlive(admin.ownerPid);
}
