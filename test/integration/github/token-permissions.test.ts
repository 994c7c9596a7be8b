import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppTokenIssuer } from '../../../src/github/create-app-token-issuer.ts';
import { createGitHubOctokit } from '../../../src/github/create-github-octokit.ts';
import { createOctokitGitHubClient } from '../../../src/github/create-octokit-github-client.ts';
import { GitHubPermissionError, GitHubRequestError } from '../../../src/domain/errors.ts';
import type { TokenIssuer } from '../../../src/github/token-issuer.ts';
import { createGitHubFactory } from '../../../src/main/create-github-factory.ts';
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
  await fake.close();
});

const PULL = { head: 'perf/task', base: 'main', title: 'perf: faster', body: 'Opened by Perfbot.' };

describe('the fake GitHub enforces the permission GitHub documents for each endpoint', () => {
  it('a token without checks write cannot create a check run: 403 like GitHub, recorded, and assertNoUnexpected fails', async () => {
    const { token } = await issuer.issue({
      installationId: 1,
      repositoryIds: [fake.repo.id],
      permissions: { contents: 'read', issues: 'write' },
    });
    const github = createOctokitGitHubClient({
      octokit: createGitHubOctokit({ token, baseUrl: fake.url, retries: 0 }),
    });

    const refused = await github
      .createCheckRun(repoOf(fake), { name: 'perf', headSha: 'a'.repeat(40), status: 'in_progress' })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GitHubPermissionError);
    expect(fake.repo.checkRuns).toEqual([]);
    expect(fake.forbidden.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /repos/octo-org/perf-demo/check-runs 403',
    ]);
    expect(() => fake.assertNoUnexpected()).toThrow(
      /lacked the documented permission[\s\S]*POST \/repos\/octo-org\/perf-demo\/check-runs/,
    );
    // What the token may do, it does: issues write covers comments on pull requests too.
    fake.addPull({ number: 3 });
    await github.upsertComment(repoOf(fake), 3, 'reply-1', 'hello');
    expect(fake.forbidden).toHaveLength(1);
  });

  it('a token scoped to one repository does not see another (404)', async () => {
    const other = fake.addRepo({ owner: 'octo-org', name: 'other' });
    const { token } = await issuer.issue({
      installationId: 1,
      repositoryIds: [fake.repo.id],
      permissions: { contents: 'read' },
    });
    const github = createOctokitGitHubClient({
      octokit: createGitHubOctokit({ token, baseUrl: fake.url, retries: 0 }),
    });
    await expect(github.getRepository({ owner: other.owner, name: other.name })).rejects.toThrow(/not found|404/i);
    expect(await github.getRepository(repoOf(fake))).toMatchObject({ id: fake.repo.id });
  });

  it('refuses to mint permissions the installation was not granted (422)', async () => {
    const refused = await issuer
      .issue({ installationId: 1, repositoryIds: [fake.repo.id], permissions: { workflows: 'write' } as never })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GitHubRequestError);
    expect(String((refused as Error).message)).toContain(
      'The permissions requested are not granted to this installation.',
    );
  });
});

describe("the app's reporting clients (createGitHubFactory)", () => {
  it('the reporting token reads perf.yml and permissions, comments, reacts and writes check runs, but cannot open a pull request', async () => {
    fake.setFile('.github/perf.yml', 'benchmark: {}\n');
    fake.setPermission('maintainer', 'write');
    fake.addPull({ number: 1 });
    const comment = fake.addComment(1, '/perf bench');
    fake.setBranch('perf/task', 'c'.repeat(40));
    const githubFor = createGitHubFactory({ tokens: issuer, baseUrl: fake.url });
    const github = await githubFor(1, fake.repo.id);
    const repo = repoOf(fake);

    await github.readFile(repo, '.github/perf.yml');
    await github.getPermission(repo, 'maintainer');
    await github.getPullRequest(repo, 1);
    await github.addReaction(repo, comment.id, 'eyes');
    await github.upsertComment(repo, 1, 'run-1', 'running');
    const check = await github.createCheckRun(repo, { name: 'perf', headSha: 'b'.repeat(40), status: 'in_progress' });
    await github.updateCheckRun(repo, check.id, {
      status: 'completed',
      conclusion: 'success',
      output: { title: 'ok', summary: 'ok' },
    });
    await github.listCheckRunsForRef(repo, 'b'.repeat(40));
    expect(fake.forbidden).toEqual([]);

    await expect(github.createPullRequest(repo, PULL)).rejects.toBeInstanceOf(GitHubPermissionError);
    expect(fake.forbidden.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /repos/octo-org/perf-demo/pulls']);
  });

  it('with pull_requests write added (what the optimize publisher asks for), the pull request is opened', async () => {
    fake.setBranch('perf/task', 'c'.repeat(40));
    const github = await createGitHubFactory({ tokens: issuer, baseUrl: fake.url })(1, fake.repo.id, {
      pull_requests: 'write',
    });
    expect(await github.createPullRequest(repoOf(fake), PULL)).toMatchObject({ number: expect.any(Number) });
    expect(fake.state.issuedTokens.at(-1)?.permissions).toMatchObject({ pull_requests: 'write', contents: 'read' });
    fake.assertNoUnexpected();
  });
});
