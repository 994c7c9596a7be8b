import { randomUUID } from 'node:crypto';
import { createGitHubOctokit, createWriteLimiters } from '../../../src/github/create-github-octokit.ts';
import { createOctokitGitHubClient } from '../../../src/github/create-octokit-github-client.ts';
import type { GitHubClient, RepoRef } from '../../../src/github/github-client.ts';
import type { FakeGitHub } from '../../fakes/fake-github-server.ts';

export const TEST_TOKEN = 'ghs_testInstallationToken0000000000000';

/**
 * The production adapter over a real Octokit (throttling + retry plugins) pointed at the fake. A fresh throttle
 * id per client keeps write spacing from leaking between tests; writes are spaced 20 ms apart (60 ms before a
 * comment) instead of GitHub's 1 s and 3 s (`writeSpacingMs: 'github'` keeps those), and retries back off in 50 ms
 * steps instead of 1 s.
 */
export function createTestClient(
  fake: FakeGitHub,
  options: { retryBaseMs?: number; botLogin?: string; writeSpacingMs?: number | 'github' } = {},
): GitHubClient {
  const octokit = createGitHubOctokit({
    token: TEST_TOKEN,
    baseUrl: fake.url,
    throttleId: randomUUID(),
    retryBaseMs: options.retryBaseMs ?? 50,
    ...(options.writeSpacingMs === 'github'
      ? {}
      : { writeLimiters: createWriteLimiters(options.writeSpacingMs ?? 20) }),
  });
  return createOctokitGitHubClient({ octokit, ...(options.botLogin ? { botLogin: options.botLogin } : {}) });
}

export function repoOf(fake: FakeGitHub): RepoRef {
  return { owner: fake.repo.owner, name: fake.repo.name };
}
