import path from 'node:path';
import { WorkspaceError } from '../../domain/errors.ts';
import { runGit } from '../../workspace/run-git.ts';

/**
 * Where a local run keeps its checkpoint, artifacts, mirror and worktrees: `<git common dir>/perfbot` of the
 * user's repository (inside `.git`, so never in their working tree or `git status`, and found again by the
 * next run on the same repository), unless `--state-dir` says otherwise.
 */
export async function resolveStateDir(repo: string, explicit?: string): Promise<string> {
  if (explicit !== undefined) return path.resolve(explicit);
  const out = await runGit({ cwd: path.resolve(repo), args: ['rev-parse', '--git-common-dir'] }).catch(
    (error: unknown) => {
      throw new WorkspaceError(`'${repo}' is not a git repository`, true, { cause: error });
    },
  );
  return path.join(path.resolve(repo, out.trim()), 'perfbot');
}
