import { createTrustedRepo, type TrustedRepo } from '../create-trusted-repo.ts';
import { secretFormsOf } from '../../workspace/redact-secrets.ts';
import { runGit } from '../../workspace/run-git.ts';
import { runIsolatedGit } from '../../workspace/run-isolated-git.ts';
import { parseCloneUrl } from '../../workspace/parse-clone-url.ts';
import { sanitizeMirror } from '../../workspace/sanitize-mirror.ts';
import type { GitCredentials } from '../../workspace/workspace.ts';

/**
 * The worker's trusted repository: `createTrustedRepo`, except that a missing commit is fetched from the
 * repository's clone URL with a freshly minted read token (`credentials`, called per fetch). The token goes
 * to that one git command through the hardened credential helper, which answers only for the clone URL's
 * host: never into a URL, a config file or `FETCH_HEAD`, and it is scrubbed from error messages. The fetch
 * runs outside the repository's git directory (`runIsolatedGit`), so a config planted there cannot redirect it.
 */
export async function createCredentialedTrustedRepo(options: {
  gitDir: string;
  cloneUrl: string;
  credentials: () => Promise<GitCredentials>;
}): Promise<TrustedRepo> {
  const { url } = parseCloneUrl(options.cloneUrl);
  const trusted = await createTrustedRepo({ gitDir: options.gitDir, source: url });
  return {
    ...trusted,
    gitDir: trusted.gitDir,
    async ensureCommit(sha) {
      await sanitizeMirror(options.gitDir);
      const present = await runGit({
        cwd: options.gitDir,
        args: ['cat-file', '-e', `${sha}^{commit}`],
        env: { GIT_DIR: options.gitDir },
      }).then(
        () => true,
        () => false,
      );
      if (present) return;
      const credentials = await options.credentials();
      await runIsolatedGit({
        gitDir: options.gitDir,
        args: ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--depth=1', '--end-of-options', url, sha],
        remote: url,
        credentials,
        secrets: secretFormsOf(credentials),
      });
    },
  };
}
