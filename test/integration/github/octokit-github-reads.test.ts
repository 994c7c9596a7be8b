import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubClient, RepoRef } from '../../../src/github/github-client.ts';
import { GitHubNotFoundError, GitHubPermissionError } from '../../../src/domain/errors.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import { createTestClient, repoOf, TEST_TOKEN } from './github-test-client.ts';

let fake: FakeGitHub;
let github: GitHubClient;
let repo: RepoRef;

beforeEach(async () => {
  fake = await startFakeGitHub({ repo: { owner: 'octo-org', name: 'perf-demo', defaultBranch: 'trunk' } });
  github = createTestClient(fake);
  repo = repoOf(fake);
});
afterEach(async () => {
  fake.assertNoUnexpected();
  await fake.close();
});

describe('readFile', () => {
  it('decodes the base64 content of a file on the default branch, and sends no ref', async () => {
    const config = 'benchmark:\n  command: npm run bench # ünïcødé ✓\n'.repeat(5);
    fake.setFile('.github/perf.yml', config);

    expect(await github.readFile(repo, '.github/perf.yml')).toBe(config);
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/octo-org/perf-demo/contents/.github/perf.yml',
    ]);
    expect(fake.requests[0]?.query).toEqual({});
    expect(fake.requests[0]?.headers.authorization).toBe(`token ${TEST_TOKEN}`);
  });

  it('reads the file at the given ref', async () => {
    fake.setFile('bench.sh', 'echo trunk\n');
    fake.setFile('bench.sh', 'echo head\n', 'feature-1');

    expect(await github.readFile(repo, 'bench.sh', 'feature-1')).toBe('echo head\n');
    expect(fake.requests[0]?.query).toEqual({ ref: 'feature-1' });
  });

  it('returns null for a missing file', async () => {
    expect(await github.readFile(repo, '.github/perf.yml')).toBeNull();
    expect(fake.requests.map((r) => r.status)).toEqual([404]);
  });

  it('reports a file of a repository the app cannot see as absent: GitHub answers 404 for both', async () => {
    const error = await github
      .readFile({ owner: 'octo-org', name: 'private-thing' }, '.github/perf.yml')
      .catch((e: unknown) => e);
    expect(error).toBeNull();
  });
});

describe('getPermission', () => {
  it('maps permission and role_name', async () => {
    fake.setPermission('alice', 'write', { roleName: 'maintain' });
    expect(await github.getPermission(repo, 'alice')).toEqual({ permission: 'write', roleName: 'maintain' });
    expect(fake.requests[0]?.path).toBe('/repos/octo-org/perf-demo/collaborators/alice/permission');
  });

  it('throws a user-facing GitHubNotFoundError on 404, without retrying', async () => {
    const error = await github.getPermission(repo, 'ghost').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubNotFoundError);
    expect((error as GitHubNotFoundError).userError).toBe(true);
    expect((error as Error).message).toBe(
      "Checking ghost's permission on octo-org/perf-demo failed: GitHub answered 404 (Not Found). " +
        'Check that it exists and that the Perfbot app is installed with access to it.',
    );
    expect(fake.requests).toHaveLength(1);
  });

  it('throws GitHubPermissionError on a plain 403, without retrying', async () => {
    fake.failNext('GET', '/repos/octo-org/perf-demo/collaborators/alice/permission', 403);
    const error = await github.getPermission(repo, 'alice').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubPermissionError);
    expect((error as Error).message).toContain('GitHub answered 403 (Resource not accessible by integration)');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('getPullRequest and getRepository', () => {
  it('returns a same-repository pull request in Perfbot terms', async () => {
    fake.addPull({
      number: 7,
      title: 'Faster parser',
      body: 'Makes it fast',
      headRef: 'fast',
      headSha: 'c'.repeat(40),
      baseSha: 'd'.repeat(40),
    });
    expect(await github.getPullRequest(repo, 7)).toEqual({
      number: 7,
      state: 'open',
      title: 'Faster parser',
      body: 'Makes it fast',
      headSha: 'c'.repeat(40),
      headRef: 'fast',
      headRepoFullName: 'octo-org/perf-demo',
      headRepoId: fake.repo.id,
      baseRef: 'trunk',
      baseSha: 'd'.repeat(40),
      isFork: false,
      authorId: 583231,
    });
  });

  it('flags forks and deleted forks, and turns a null body into an empty string', async () => {
    fake.addPull({ number: 8, headRepoFullName: 'mallory/perf-demo' });
    fake.addPull({ number: 9, headRepoFullName: null, body: null });
    const fork = await github.getPullRequest(repo, 8);
    const gone = await github.getPullRequest(repo, 9);
    expect([fork.isFork, fork.headRepoFullName]).toEqual([true, 'mallory/perf-demo']);
    expect(fork.headRepoId).not.toBe(fake.repo.id);
    expect([gone.isFork, gone.headRepoFullName, gone.headRepoId, gone.body]).toEqual([true, null, null, '']);
  });

  it('throws GitHubNotFoundError for a missing pull request', async () => {
    await expect(github.getPullRequest(repo, 404)).rejects.toBeInstanceOf(GitHubNotFoundError);
  });

  it('reads the repository: its id, default branch and clone URL', async () => {
    const info = await github.getRepository(repo);
    expect([info.id, info.defaultBranch]).toEqual([fake.repo.id, 'trunk']);
    expect(info.cloneUrl).toMatch(/\/octo-org\/perf-demo\.git$/);
  });
});

describe('getBranchSha', () => {
  it('returns the commit a branch points to, and a not-found error for a missing branch', async () => {
    fake.setBranch('trunk', 'b'.repeat(40));
    expect(await github.getBranchSha(repo, 'trunk')).toBe('b'.repeat(40));
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/octo-org/perf-demo/branches/trunk']);
    await expect(github.getBranchSha(repo, 'gone')).rejects.toBeInstanceOf(GitHubNotFoundError);
  });
});
