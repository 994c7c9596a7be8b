import { simpleGit } from 'simple-git';

/** The content of `path` at commit `sha` in a local repository, or null when the file does not exist there. */
export async function readFileAtRef(repoPath: string, sha: string, path: string): Promise<string | null> {
  const git = simpleGit({ baseDir: repoPath }).env({ ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' });
  try {
    return await git.show([`${sha}:${path}`]);
  } catch {
    return null;
  }
}
