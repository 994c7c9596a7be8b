import { stat } from 'node:fs/promises';
import path from 'node:path';
import { GitCommandError, WorkspaceError } from '../domain/errors.ts';
import { createGitWorkspace } from './create-git-workspace.ts';
import { runGit } from './run-git.ts';
import { assertSafeRevision } from './to-fetch-refspec.ts';
import type { Workspace, WorkspaceLog } from './workspace.ts';

/**
 * A workspace for `perfbot bench --repo PATH`: the user's repository is only read (it becomes the clone
 * source of a mirror in `workDir`), so their working copy, index and branches are never touched.
 *
 * Refs are resolved against the local repository, so `HEAD`, `HEAD~2`, local branch names and short
 * SHAs mean what the user expects; the resulting SHA is then fetched into the mirror. The default branch
 * is `origin/HEAD`'s target (returned as `origin/main`, the user's last fetched upstream), else a local
 * `main` or `master`. Uncommitted changes are not part of any commit and so are not benchmarked.
 */
export async function createLocalWorkspace(
  repoPath: string,
  workDir: string,
  options: { log?: WorkspaceLog } = {},
): Promise<Workspace> {
  const source = await repositoryRoot(repoPath);
  const inner = createGitWorkspace({ workDir, cloneUrl: source, ...(options.log ? { log: options.log } : {}) });
  const git = (args: readonly string[]) => runGit({ cwd: source, args });

  async function resolveRef(ref: string): Promise<string> {
    assertSafeRevision(ref);
    const sha = await git(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]).then(
      (out) => out.trim(),
      (error: unknown) => {
        const detail = error instanceof GitCommandError ? error.stderr : String(error);
        throw new WorkspaceError(`ref '${ref}' not found in ${source}: ${detail}`, true, { cause: error });
      },
    );
    await inner.fetchRefs([sha]);
    return sha;
  }

  async function mergeBase(a: string, b: string): Promise<string> {
    const [shaA, shaB] = [await resolveRef(a), await resolveRef(b)];
    const base = await git(['merge-base', shaA, shaB]).then(
      (out) => out.trim(),
      () => '',
    );
    if (!base) throw new WorkspaceError(`'${a}' and '${b}' have no common ancestor in ${source}`, true);
    return base;
  }

  async function defaultBranch(): Promise<string> {
    const originHead = await git(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD']).then(
      (out) => out.trim(),
      () => '',
    );
    if (originHead.startsWith('refs/remotes/')) return originHead.slice('refs/remotes/'.length);
    for (const name of ['main', 'master']) {
      const exists = await git(['show-ref', '--verify', '--quiet', `refs/heads/${name}`]).then(
        () => true,
        () => false,
      );
      if (exists) return name;
    }
    throw new WorkspaceError(
      `cannot tell the default branch of ${source}: no origin/HEAD and no 'main' or 'master' branch; pass --base <ref>`,
      true,
    );
  }

  return {
    repoId: inner.repoId,
    resolveRef,
    mergeBase,
    defaultBranch,
    fetchRefs: async (refs) => {
      for (const ref of refs) await resolveRef(ref);
    },
    createWorktree: async (task, shaOrRef) => inner.createWorktree(task, await resolveRef(shaOrRef)),
    prune: () => inner.prune(),
  };
}

/** The top of the work tree (or the git dir of a bare repository) containing `repoPath`. */
async function repositoryRoot(repoPath: string): Promise<string> {
  const absolute = path.resolve(repoPath);
  const notARepo = (detail: string) => new WorkspaceError(`'${repoPath}' is not a git repository${detail}`, true);
  const isDirectory = await stat(absolute).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDirectory) throw notARepo(': no such directory');
  const out = await runGit({ cwd: absolute, args: ['rev-parse', '--is-bare-repository', '--absolute-git-dir'] }).catch(
    () => {
      throw notARepo('');
    },
  );
  const [bare, gitDir] = out.trim().split('\n');
  if (bare === 'true' && gitDir) return gitDir;
  const top = await runGit({ cwd: absolute, args: ['rev-parse', '--show-toplevel'] }).catch(() => {
    throw notARepo('');
  });
  return top.trim();
}
