import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubClient, RepoRef } from '../../../src/github/github-client.ts';
import { GitHubNotFoundError, GitHubRequestError } from '../../../src/domain/errors.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import { createTestClient, repoOf } from './github-test-client.ts';

let fake: FakeGitHub;
let github: GitHubClient;
let repo: RepoRef;
const SHA = 'e'.repeat(40);

beforeEach(async () => {
  fake = await startFakeGitHub();
  fake.addPull({ number: 5, headSha: SHA });
  github = createTestClient(fake);
  repo = repoOf(fake);
});
afterEach(async () => {
  fake.assertNoUnexpected();
  await fake.close();
});

describe('reactions and labels', () => {
  it('reacts to a comment', async () => {
    const comment = fake.addComment(5, '/perf run');
    await github.addReaction(repo, comment.id, 'eyes');
    await github.addReaction(repo, comment.id, 'rocket');
    expect(fake.repo.reactions.map((r) => [r.commentId, r.content, r.user.login])).toEqual([
      [comment.id, 'eyes', 'perfbot[bot]'],
      [comment.id, 'rocket', 'perfbot[bot]'],
    ]);
    expect(fake.requests[0]?.body).toEqual({ content: 'eyes' });
  });

  it('reports a reaction to a deleted comment as not found', async () => {
    await expect(github.addReaction(repo, 12345, '+1')).rejects.toBeInstanceOf(GitHubNotFoundError);
  });

  it('removes a label, and treats a label that is already gone as done', async () => {
    fake.addLabel(5, 'perf: run');
    fake.addLabel(5, 'bug');
    await github.removeLabel(repo, 5, 'perf: run');
    await github.removeLabel(repo, 5, 'perf: run');
    expect(fake.repo.labels.get(5)).toEqual(['bug']);
    expect(fake.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['DELETE', '/repos/octo-org/perf-demo/issues/5/labels/perf: run', 200],
      ['DELETE', '/repos/octo-org/perf-demo/issues/5/labels/perf: run', 404],
    ]);
  });
});

describe('check runs', () => {
  it('creates a check run and completes it, and lists it for the commit', async () => {
    const created = await github.createCheckRun(repo, {
      name: 'perfbot/benchmark',
      headSha: SHA,
      status: 'in_progress',
      externalId: 'run-17',
      output: { title: 'Benchmarking', summary: '0/10 pairs' },
    });
    expect(created.url).toBe(`https://github.com/octo-org/perf-demo/runs/${created.id}`);
    expect(fake.requests[0]?.body).toEqual({
      name: 'perfbot/benchmark',
      head_sha: SHA,
      status: 'in_progress',
      external_id: 'run-17',
      output: { title: 'Benchmarking', summary: '0/10 pairs' },
    });

    await github.updateCheckRun(repo, created.id, {
      status: 'completed',
      conclusion: 'success',
      output: { title: 'No regression', summary: 'parse: −3.1 %', text: 'details' },
    });
    expect(await github.listCheckRunsForRef(repo, SHA)).toEqual([
      {
        id: created.id,
        url: created.url,
        name: 'perfbot/benchmark',
        status: 'completed',
        conclusion: 'success',
        externalId: 'run-17',
        appId: fake.state.app.id,
        completedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        outputSummary: 'parse: −3.1 %',
      },
    ]);
  });

  it("truncates a summary and text longer than GitHub's 65,535 characters, saying so", async () => {
    const note = (omitted: number) => `\n\n… (truncated: ${omitted} more characters did not fit in GitHub's limit)`;
    const created = await github.createCheckRun(repo, { name: 'perfbot/benchmark', headSha: SHA, status: 'queued' });
    const summary = 'a'.repeat(70_000);
    // Place an emoji (two UTF-16 units) exactly across the cut: it must go whole, not be split in half.
    const keep = 65_535 - note(12_345).length;
    const text = `${'b'.repeat(keep - 1)}😀${'c'.repeat(100)}`;
    await github.updateCheckRun(repo, created.id, { conclusion: 'neutral', output: { title: 'Long', summary, text } });

    const stored = fake.repo.checkRuns[0]?.output;
    expect(stored?.summary).toBe('a'.repeat(keep) + note(70_000 - keep));
    expect(stored?.summary?.length).toBeLessThanOrEqual(65_535);
    expect(stored?.text).toBe('b'.repeat(keep - 1) + note(text.length - (keep - 1)));
    expect(stored?.text?.length).toBeLessThanOrEqual(65_535);
    expect(fake.repo.checkRuns[0]?.conclusion).toBe('neutral');
  });

  it('leaves output that fits untouched, even at exactly the limit', async () => {
    const summary = 's'.repeat(65_535);
    await github.createCheckRun(repo, {
      name: 'perfbot/benchmark',
      headSha: SHA,
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'Fits', summary },
    });
    expect(fake.repo.checkRuns[0]?.output.summary).toBe(summary);
  });

  it("lists every page of check runs on a busy commit, including other apps' runs", async () => {
    for (let i = 0; i < 105; i++) {
      fake.repo.checkRuns.push({
        id: 10 + i,
        nodeId: `CR_${i}`,
        name: `ci/job-${i}`,
        headSha: SHA,
        status: 'completed',
        conclusion: 'success',
        externalId: null,
        detailsUrl: null,
        output: { title: null, summary: null, text: null },
        startedAt: new Date().toISOString(),
        completedAt: new Date().toISOString(),
        app: { id: 15368, slug: 'github-actions' },
      });
    }
    const runs = await github.listCheckRunsForRef(repo, SHA);
    expect(runs).toHaveLength(105);
    expect(runs[104]).toEqual({
      id: 114,
      url: 'https://github.com/octo-org/perf-demo/runs/114',
      name: 'ci/job-104',
      status: 'completed',
      conclusion: 'success',
      externalId: null,
      appId: 15368,
      completedAt: fake.repo.checkRuns[104]!.completedAt,
    });
    expect(fake.requests.map((r) => r.query.page)).toEqual(['1', '2']);
  });
});

describe('pull requests', () => {
  it('opens a pull request from a branch and finds it again by its head branch', async () => {
    fake.setBranch('perfbot/optimize-5', 'f'.repeat(40));
    expect(await github.findPullRequestByHead(repo, 'perfbot/optimize-5')).toBeNull();

    const opened = await github.createPullRequest(repo, {
      head: 'perfbot/optimize-5',
      base: 'main',
      title: 'perf: faster parse',
      body: 'Found by Perfbot',
      draft: true,
    });
    expect(opened).toEqual({ number: 6, url: 'https://github.com/octo-org/perf-demo/pull/6', headSha: 'f'.repeat(40) });
    expect(fake.repo.pulls.at(-1)?.draft).toBe(true);
    expect(await github.findPullRequestByHead(repo, 'perfbot/optimize-5')).toEqual(opened);
    expect(fake.requests.filter((r) => r.method === 'GET').map((r) => r.query.head)).toEqual([
      'octo-org:perfbot/optimize-5',
      'octo-org:perfbot/optimize-5',
    ]);
  });

  it('refuses a second pull request for the same branch with a GitHubRequestError (422)', async () => {
    fake.setBranch('perfbot/optimize-5', 'f'.repeat(40));
    const input = { head: 'perfbot/optimize-5', base: 'main', title: 't', body: 'b' };
    await github.createPullRequest(repo, input);
    const error = await github.createPullRequest(repo, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubRequestError);
    expect((error as GitHubRequestError).status).toBe(422);
  });
});
