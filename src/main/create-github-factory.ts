import type { GitHubClient } from '../github/github-client.ts';
import { createGitHubOctokit } from '../github/create-github-octokit.ts';
import { createOctokitGitHubClient } from '../github/create-octokit-github-client.ts';
import type { TokenIssuer } from '../github/token-issuer.ts';

/**
 * A GitHub client for one installation and ONE repository, authenticated with a freshly minted installation
 * token scoped to that repository and to what reporting needs (no contents write).
 */
export function createGitHubFactory(options: { tokens: TokenIssuer; baseUrl: string; botLogin?: string }) {
  return async (installationId: number, repoId: number): Promise<GitHubClient> => {
    const { token } = await options.tokens.issue({
      installationId,
      repositoryIds: [repoId],
      permissions: { metadata: 'read', contents: 'read', issues: 'write', pull_requests: 'read', checks: 'write' },
    });
    const octokit = createGitHubOctokit({ token, baseUrl: options.baseUrl, throttleId: `perfbot-${installationId}` });
    return createOctokitGitHubClient({ octokit, botLogin: options.botLogin });
  };
}
