import { generateKeyPairSync } from 'node:crypto';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppTokenIssuer } from '../../../src/github/create-app-token-issuer.ts';
import { createGitHubOctokit } from '../../../src/github/create-github-octokit.ts';
import { createOctokitGitHubClient } from '../../../src/github/create-octokit-github-client.ts';
import { GitHubNotFoundError, GitHubRequestError, TransientGitHubError } from '../../../src/domain/errors.ts';
import type { TokenIssuer } from '../../../src/github/token-issuer.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';

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

/** Every string that must never show up in an error: the JWT we signed and each token GitHub gave out. */
function secretsSent(): string[] {
  const jwts = fake.requests
    .map((r) => (r.headers.authorization ?? '').replace(/^bearer /i, ''))
    .filter((t) => t.length > 20);
  return [...jwts, ...fake.state.issuedTokens.map((t) => t.token)];
}

describe('createAppTokenIssuer', () => {
  it('mints a token scoped to one repository and the requested permissions, authenticating with a signed JWT', async () => {
    const issued = await issuer.issue({
      installationId: 1,
      repositoryIds: [fake.repo.id],
      permissions: { contents: 'read' },
    });

    expect(fake.requests).toHaveLength(1);
    const request = fake.requests[0];
    expect([request?.method, request?.path]).toEqual(['POST', '/app/installations/1/access_tokens']);
    expect(request?.body).toEqual({ repository_ids: [fake.repo.id], permissions: { contents: 'read' } });
    expect(request?.headers.authorization).toMatch(/^bearer [\w-]+\.[\w-]+\.[\w-]+$/i);
    const claims = JSON.parse(
      Buffer.from((request?.headers.authorization ?? '').split('.')[1] ?? '', 'base64url').toString(),
    );
    expect(claims.iss).toBe(fake.state.app.id);
    expect(request?.status).toBe(201);

    expect(issued.token).toBe(fake.state.issuedTokens[0]?.token);
    expect(issued.token).toMatch(/^ghs_\w{36}$/);
    expect(issued.permissions).toEqual({ contents: 'read' });
    expect(issued.repositoryIds).toEqual([fake.repo.id]);
    const lifetime = Date.parse(issued.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(3_500_000);
    expect(lifetime).toBeLessThanOrEqual(3_600_000);
  });

  it('mints a fresh token on every call instead of reusing a cached one', async () => {
    const request = { installationId: 1, repositoryIds: [fake.repo.id], permissions: { contents: 'write' as const } };
    const first = await issuer.issue(request);
    const second = await issuer.issue(request);
    expect(first.token).not.toBe(second.token);
    expect(fake.requests).toHaveLength(2);
  });

  it('the issued token works as the installation client token', async () => {
    const issued = await issuer.issue({
      installationId: 1,
      repositoryIds: [fake.repo.id],
      permissions: { metadata: 'read' },
    });
    const github = createOctokitGitHubClient({
      octokit: createGitHubOctokit({ token: issued.token, baseUrl: fake.url, throttleId: 'token-test' }),
    });
    expect((await github.getRepository({ owner: 'octo-org', name: 'perf-demo' })).defaultBranch).toBe('main');
    expect(fake.requests.at(-1)?.headers.authorization).toBe(`token ${issued.token}`);
  });

  it('rejects a repository outside the installation with a GitHubRequestError that leaks no secret', async () => {
    const error = await issuer
      .issue({ installationId: 1, repositoryIds: [999], permissions: { contents: 'read' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRequestError);
    expect((error as Error).message).toContain('Minting a token for installation 1 failed: GitHub answered 422');
    const everything = inspect(error, { depth: 20 }) + JSON.stringify(error) + String((error as Error).stack);
    for (const secret of secretsSent()) expect(everything).not.toContain(secret);
  });

  it('reports an unknown installation as not found, and a GitHub outage as transient, leaking no secret', async () => {
    const missing = await issuer
      .issue({ installationId: 77, repositoryIds: [fake.repo.id], permissions: { contents: 'read' } })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(GitHubNotFoundError);

    await issuer.issue({ installationId: 1, repositoryIds: [fake.repo.id], permissions: { contents: 'read' } });
    fake.failNext('POST', '/app/installations/1/access_tokens', 503, { times: 10 });
    const outage = await issuer
      .issue({ installationId: 1, repositoryIds: [fake.repo.id], permissions: { contents: 'read' } })
      .catch((e: unknown) => e);
    expect(outage).toBeInstanceOf(TransientGitHubError);

    const secrets = secretsSent();
    expect(secrets.length).toBeGreaterThan(2);
    for (const error of [missing, outage]) {
      const everything = inspect(error, { depth: 20 }) + String((error as Error).stack);
      for (const secret of secrets) expect(everything).not.toContain(secret);
    }
  });

  it('is refused by GitHub when the JWT is signed with another key', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 })
      .privateKey.export({ type: 'pkcs1', format: 'pem' })
      .toString();
    const impostor = createAppTokenIssuer({ appId: fake.state.app.id, privateKey: other, baseUrl: fake.url });
    const error = await impostor
      .issue({ installationId: 1, repositoryIds: [fake.repo.id], permissions: { contents: 'read' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRequestError);
    expect((error as GitHubRequestError).status).toBe(401);
    expect(fake.state.issuedTokens).toEqual([]);
  });
});
