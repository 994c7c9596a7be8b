import { GitCommandError } from '../domain/errors.ts';
import { runGit } from '../workspace/run-git.ts';

/**
 * The content of `path` at commit `sha` in a local repository, or null when the file does not exist there.
 * Runs hardened git (no inherited EDITOR/PAGER/hooks): any failure other than "no such path" is rethrown.
 */
export async function readFileAtRef(repoPath: string, sha: string, path: string): Promise<string | null> {
  try {
    return await runGit({ cwd: repoPath, args: ['show', `${sha}:${path}`] });
  } catch (error) {
    if (error instanceof GitCommandError && /does not exist|exists on disk, but not in/.test(error.stderr)) return null;
    throw error;
  }
}
