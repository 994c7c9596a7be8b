import type { GitHubClient } from '../github/github-client.ts';
import { createGitHubOctokit, createWriteLimiters } from '../github/create-github-octokit.ts';
import { createOctokitGitHubClient } from '../github/create-octokit-github-client.ts';
import { refreshingToken } from '../github/refreshing-token.ts';
import type { TokenIssuer, TokenPermissions } from '../github/token-issuer.ts';

/** What reporting needs: comments (issues write), check runs, perf.yml and pull requests read. Never contents write. */
export const REPORTING_PERMISSIONS: TokenPermissions = {
  metadata: 'read',
  contents: 'read',
  issues: 'write',
  pull_requests: 'read',
  checks: 'write',
};

/**
 * A GitHub client for one installation and ONE repository, authenticated with a freshly minted installation
 * token scoped to that repository and to what reporting needs, minted again before it expires. `extra` widens
 * it for one caller (the optimize publisher asks for `pull_requests: 'write'` to open its pull request); the fake
 * GitHub refuses any call whose token lacks the permission GitHub documents for it, so a missing one fails tests.
 */
export function createGitHubFactory(options: {
  tokens: TokenIssuer;
  baseUrl: string;
  botLogin?: string;
  /** `AppEnv.githubWriteSpacingMs`; plugin-throttling's 1 s when omitted. */
  writeSpacingMs?: number;
}) {
  const writeLimiters = options.writeSpacingMs === undefined ? undefined : createWriteLimiters(options.writeSpacingMs);
  return async (installationId: number, repoId: number, extra: TokenPermissions = {}): Promise<GitHubClient> => {
    const token = refreshingToken(() =>
      options.tokens.issue({
        installationId,
        repositoryIds: [repoId],
        permissions: { ...REPORTING_PERMISSIONS, ...extra },
      }),
    );
    // Minted now, so that an installation the app cannot reach fails here, before the job does anything.
    await token();
    const octokit = createGitHubOctokit({
      token,
      baseUrl: options.baseUrl,
      throttleId: `perfbot-${installationId}`,
      ...(writeLimiters === undefined ? {} : { writeLimiters }),
    });
    return createOctokitGitHubClient({ octokit, botLogin: options.botLogin });
  };
}
