import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppTokenIssuer } from '../../../src/github/create-app-token-issuer.ts';
import { createGitHubOctokit } from '../../../src/github/create-github-octokit.ts';
import { createOctokitGitHubClient } from '../../../src/github/create-octokit-github-client.ts';
import { refreshingToken } from '../../../src/github/refreshing-token.ts';
import type { TokenIssuer } from '../../../src/github/token-issuer.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import { repoOf } from './github-test-client.ts';

let fake: FakeGitHub;
let issuer: TokenIssuer;

beforeEach(async () => {
  fake = await startFakeGitHub();
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fake.setAppPublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  issuer = createAppTokenIssuer({
    appId: fake.state.app.id,
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    baseUrl: fake.url,
  });
});
afterEach(async () => {
  fake.assertNoUnexpected();
  await fake.close();
});

describe('a GitHub client with a refreshing installation token', () => {
  it('reuses the token while it is fresh and mints a new one before it expires, for a job longer than an hour', async () => {
    let clock = Date.now();
    const token = refreshingToken(
      () => issuer.issue({ installationId: 1, repositoryIds: [fake.repo.id], permissions: { contents: 'read' } }),
      () => clock,
    );
    const github = createOctokitGitHubClient({
      octokit: createGitHubOctokit({ token, baseUrl: fake.url, throttleId: 'refresh-test' }),
    });
    fake.setFile('README.md', 'hello');

    const authOfReads = () =>
      fake.requests.filter((r) => r.path.includes('/contents/')).map((r) => r.headers.authorization);
    await github.readFile(repoOf(fake), 'README.md');
    clock += 30 * 60_000; // half an hour in: the same token
    await github.readFile(repoOf(fake), 'README.md');
    expect(fake.state.issuedTokens).toHaveLength(1);
    expect(authOfReads()).toEqual([
      `token ${fake.state.issuedTokens[0]!.token}`,
      `token ${fake.state.issuedTokens[0]!.token}`,
    ]);

    clock += 26 * 60_000; // 56 minutes: within five minutes of the hour, so a new one
    await Promise.all([github.readFile(repoOf(fake), 'README.md'), github.readFile(repoOf(fake), 'README.md')]);
    expect(fake.state.issuedTokens).toHaveLength(2); // one mint for the two concurrent requests
    expect(authOfReads().slice(2)).toEqual([
      `token ${fake.state.issuedTokens[1]!.token}`,
      `token ${fake.state.issuedTokens[1]!.token}`,
    ]);
    expect(fake.state.issuedTokens[1]!.token).not.toBe(fake.state.issuedTokens[0]!.token);
  });
});
