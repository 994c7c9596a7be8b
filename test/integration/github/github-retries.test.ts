import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubClient, RepoRef } from '../../../src/github/github-client.ts';
import { GitHubRequestError, TransientGitHubError } from '../../../src/domain/errors.ts';
import { createOctokitGitHubClient } from '../../../src/github/create-octokit-github-client.ts';
import { createGitHubOctokit } from '../../../src/github/create-github-octokit.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import { createTestClient, repoOf, TEST_TOKEN } from './github-test-client.ts';

let fake: FakeGitHub;
let github: GitHubClient;
let repo: RepoRef;

beforeEach(async () => {
  fake = await startFakeGitHub();
  fake.addPull({ number: 3 });
  github = createTestClient(fake);
  repo = repoOf(fake);
});
afterEach(async () => {
  fake.assertNoUnexpected();
  await fake.close();
});

const COMMENTS = '/repos/octo-org/perf-demo/issues/3/comments';

describe('retries', () => {
  it('retries a 500 and succeeds, posting exactly one comment', async () => {
    fake.failNext('POST', COMMENTS, 500);
    await github.upsertComment(repo, 3, 'status-1', 'hello');
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 500', 'POST 201']);
    expect(fake.repo.comments).toHaveLength(1);
  });

  it('gives up after 3 retries of a 502 with a TransientGitHubError', async () => {
    fake.failNext('GET', '/repos/octo-org/perf-demo', 502, { times: 10 });
    const error = await github.getRepository(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientGitHubError);
    expect((error as TransientGitHubError).userError).toBe(false);
    expect((error as TransientGitHubError).status).toBe(502);
    expect((error as Error).message).toBe(
      'Reading octo-org/perf-demo failed: GitHub answered 502 (Server Error). Perfbot will retry.',
    );
    expect(fake.requests).toHaveLength(4);
  });

  // A read, so that the only wait between the two requests is the one GitHub asked for (writes are also spaced).
  it('waits out the retry-after of a 403 secondary rate limit, then succeeds', async () => {
    fake.failNext('GET', '/repos/octo-org/perf-demo', 403, { headers: { 'retry-after': '1' } });
    expect((await github.getRepository(repo)).defaultBranch).toBe('main');
    const [limited, retried] = fake.requests;
    expect([limited?.status, retried?.status]).toEqual([403, 200]);
    // The protocol says "wait retry-after seconds"; allow a little clock slack below one second.
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('waits out the retry-after of a 429, then succeeds', async () => {
    fake.failNext('GET', '/repos/octo-org/perf-demo', 429, { headers: { 'retry-after': '1' } });
    expect((await github.getRepository(repo)).defaultBranch).toBe('main');
    const [limited, retried] = fake.requests.filter((r) => r.path === '/repos/octo-org/perf-demo');
    expect([limited?.status, retried?.status]).toEqual([429, 200]);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('does not retry a 429 it cannot read as a rate limit, but hands its retry-after to the queue', async () => {
    fake.failNext('GET', '/repos/octo-org/perf-demo', 429, {
      headers: { 'retry-after': '5' },
      body: { message: 'Too many requests' },
    });
    const error = await github.getRepository(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientGitHubError);
    expect((error as TransientGitHubError).retryAfterMs).toBe(5_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('posts exactly one comment after a secondary rate limit on the write itself', async () => {
    fake.failNext('POST', COMMENTS, 403, { headers: { 'retry-after': '1' } });
    await github.upsertComment(repo, 3, 'reply-1', 'slow down');
    expect(fake.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 403', 'POST 201']);
    expect(fake.repo.comments.map((c) => c.body)).toEqual(['<!-- perfbot:reply-1 -->\nslow down']);
  });

  it('hands a long secondary-limit wait to the queue as TransientGitHubError.retryAfterMs instead of blocking', async () => {
    fake.failNext('POST', COMMENTS, 403, { headers: { 'retry-after': '600' } });
    const started = Date.now();
    const error = await github.upsertComment(repo, 3, 'reply-1', 'slow down').catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(TransientGitHubError);
    expect((error as TransientGitHubError).retryAfterMs).toBe(600_000);
    expect((error as Error).message).toContain('a secondary rate limit. Perfbot will retry later.');
    expect(fake.repo.comments).toHaveLength(0);
  });

  it('maps an exhausted primary rate limit to a transient error that waits until the reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 3_600;
    fake.failNext('GET', '/repos/octo-org/perf-demo', 403, {
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
    });
    const error = await github.getRepository(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientGitHubError);
    const wait = (error as TransientGitHubError).retryAfterMs ?? 0;
    expect(wait).toBeGreaterThan(3_590_000);
    expect(wait).toBeLessThanOrEqual(3_600_000);
  });

  it('does not retry a 422 and reports it as a GitHubRequestError', async () => {
    const error = await github
      .createPullRequest(repo, { head: 'no-such-branch', base: 'main', title: 't', body: 'b' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRequestError);
    expect((error as GitHubRequestError).status).toBe(422);
    expect(fake.requests).toHaveLength(1);
  });

  it('maps an unreachable GitHub to a TransientGitHubError', async () => {
    const port = await freePort();
    const octokit = createGitHubOctokit({
      token: TEST_TOKEN,
      baseUrl: `http://127.0.0.1:${port}`,
      throttleId: 'unreachable',
      retries: 0,
    });
    const offline = createOctokitGitHubClient({ octokit });
    const error = await offline.getRepository(repo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientGitHubError);
    expect((error as Error).message).toMatch(
      /^Reading octo-org\/perf-demo failed: GitHub could not be reached \(.+\)\. Perfbot will retry\.$/,
    );
  });
});

/** A port nothing listens on: bind one, note it, close it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}
