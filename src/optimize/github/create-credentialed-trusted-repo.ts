import { createTrustedRepo, type TrustedRepo } from '../create-trusted-repo.ts';
import { secretFormsOf } from '../../workspace/redact-secrets.ts';
import { runGit } from '../../workspace/run-git.ts';
import { parseCloneUrl } from '../../workspace/parse-clone-url.ts';
import type { GitCredentials } from '../../workspace/workspace.ts';

/**
 * The worker's trusted repository: `createTrustedRepo`, except that a missing commit is fetched from the
 * repository's clone URL with a freshly minted read token (`credentials`, called per fetch). The token goes
 * to that one git command through the hardened credential helper: never into a URL, a config file or
 * `FETCH_HEAD`, and it is scrubbed from error messages.
 */
export async function createCredentialedTrustedRepo(options: {
  gitDir: string;
  cloneUrl: string;
  credentials: () => Promise<GitCredentials>;
}): Promise<TrustedRepo> {
  const { url } = parseCloneUrl(options.cloneUrl);
  const trusted = await createTrustedRepo({ gitDir: options.gitDir, source: url });
  const git = (args: readonly string[], credentials?: GitCredentials) =>
    runGit({
      cwd: options.gitDir,
      args,
      env: { GIT_DIR: options.gitDir },
      ...(credentials === undefined ? {} : { credentials, secrets: secretFormsOf(credentials) }),
    });
  return {
    ...trusted,
    gitDir: trusted.gitDir,
    async ensureCommit(sha) {
      const present = await git(['cat-file', '-e', `${sha}^{commit}`]).then(() => true, () => false);
      if (present) return;
      const credentials = await options.credentials();
      await git(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--depth=1', '--end-of-options', url, sha], credentials);
    },
  };
}
