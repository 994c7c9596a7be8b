import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubClient, RepoRef } from '../../../src/github/github-client.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import { createTestClient, repoOf } from './github-test-client.ts';

let fake: FakeGitHub;
let github: GitHubClient;
let repo: RepoRef;

beforeEach(async () => {
  fake = await startFakeGitHub();
  fake.addPull({ number: 12 });
  github = createTestClient(fake);
  repo = repoOf(fake);
});
afterEach(async () => {
  fake.assertNoUnexpected();
  await fake.close();
});

const calls = () => fake.requests.map((r) => `${r.method} ${r.path}${r.query.page ? `?page=${r.query.page}` : ''}`);
const ours = () => fake.repo.comments.filter((c) => c.user.login === 'perfbot[bot]');

describe('upsertComment', () => {
  it('creates the comment once and then edits it in place, with the marker hidden in an HTML comment', async () => {
    // The production write spacing, which the last assertion checks.
    const github = createTestClient(fake, { writeSpacingMs: 'github' });
    const first = await github.upsertComment(repo, 12, 'status-run-1', '⏳ Benchmarking…');
    const second = await github.upsertComment(repo, 12, 'status-run-1', '⏳ Benchmarking… 3/10 pairs');
    const third = await github.upsertComment(repo, 12, 'status-run-1', '✅ Done');

    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.body).toBe('<!-- perfbot:status-run-1 -->\n✅ Done');
    expect([second.id, third.id]).toEqual([first.id, first.id]);
    expect(first.url).toBe(`https://github.com/octo-org/perf-demo/pull/12#issuecomment-${first.id}`);
    expect(first.nodeId).toBe(ours()[0]?.nodeId);
    expect(calls()).toEqual([
      'GET /repos/octo-org/perf-demo/issues/12/comments?page=1',
      'POST /repos/octo-org/perf-demo/issues/12/comments',
      'GET /repos/octo-org/perf-demo/issues/12/comments?page=1',
      `PATCH /repos/octo-org/perf-demo/issues/comments/${first.id}`,
      'GET /repos/octo-org/perf-demo/issues/12/comments?page=1',
      `PATCH /repos/octo-org/perf-demo/issues/comments/${first.id}`,
    ]);
    // GitHub asks integrations to leave at least a second between writes, or risk a secondary rate limit. The
    // client spaces the writes' turns by 1 s; on a loaded machine a request can reach the fake a little late, so
    // the arrivals are checked with a margin (unspaced writes would arrive milliseconds apart).
    const writes = fake.requests.filter((r) => r.method !== 'GET').map((r) => r.at);
    expect(writes.slice(1).map((at, i) => at - (writes[i] ?? 0) >= 800)).toEqual([true, true]);
  });

  it('spaces writes as configured (PERFBOT_GITHUB_WRITE_SPACING_MS)', async () => {
    const spaced = createTestClient(fake, { writeSpacingMs: 300 });
    await spaced.upsertComment(repo, 12, 'status-run-2', 'one');
    await spaced.upsertComment(repo, 12, 'status-run-2', 'two');
    await spaced.upsertComment(repo, 12, 'status-run-2', 'three');
    const writes = fake.requests.filter((r) => r.method !== 'GET').map((r) => r.at);
    expect(writes).toHaveLength(3);
    // The spacing is between the writes' turns; a request reaches the fake a few milliseconds after its turn.
    expect(writes.slice(1).map((at, i) => at - (writes[i] ?? 0) >= 240)).toEqual([true, true]);
  });

  it('finds its comment behind a full first page of 100 other comments', async () => {
    for (let i = 0; i < 100; i++) fake.addComment(12, `LGTM ${i}`);
    const created = await github.upsertComment(repo, 12, 'status-run-2', 'first');
    for (let i = 0; i < 30; i++) fake.addComment(12, `more chatter ${i}`);
    const updated = await github.upsertComment(repo, 12, 'status-run-2', 'second');
    await github.upsertComment(repo, 12, 'status-run-2', 'third');

    expect(updated.id).toBe(created.id);
    expect(ours().map((c) => c.body)).toEqual(['<!-- perfbot:status-run-2 -->\nthird']);
    expect(fake.repo.comments).toHaveLength(131);
    const listings = fake.requests.filter((r) => r.method === 'GET');
    expect(listings.map((r) => [r.query.page, r.query.per_page])).toEqual([
      ['1', '100'],
      ['2', '100'],
      ['1', '100'],
      ['2', '100'],
      ['1', '100'],
      ['2', '100'],
    ]);
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('edits by known id without listing, and falls back to searching when that comment was deleted', async () => {
    const created = await github.upsertComment(repo, 12, 'status-run-3', 'v1');
    const edited = await github.upsertComment(repo, 12, 'status-run-3', 'v2', created.id);
    expect(edited.id).toBe(created.id);
    expect(calls().at(-1)).toBe(`PATCH /repos/octo-org/perf-demo/issues/comments/${created.id}`);
    expect(calls()).toHaveLength(3);

    fake.repo.comments.length = 0;
    const recreated = await github.upsertComment(repo, 12, 'status-run-3', 'v3', created.id);
    expect(recreated.id).not.toBe(created.id);
    expect(ours().map((c) => c.body)).toEqual(['<!-- perfbot:status-run-3 -->\nv3']);
  });

  it('never edits a human comment that quotes the marker, and keeps comments of other markers apart', async () => {
    fake.addComment(12, '> <!-- perfbot:status-run-4 -->\n> old result\nwhy did it regress?');
    await github.upsertComment(repo, 12, 'status-run-4', 'mine');
    await github.upsertComment(repo, 12, 'status-run-5', 'another job');

    expect(fake.repo.comments.map((c) => [c.user.login, c.body])).toEqual([
      ['octocat', '> <!-- perfbot:status-run-4 -->\n> old result\nwhy did it regress?'],
      ['perfbot[bot]', '<!-- perfbot:status-run-4 -->\nmine'],
      ['perfbot[bot]', '<!-- perfbot:status-run-5 -->\nanother job'],
    ]);
  });

  it('skips the write when the comment already says exactly this', async () => {
    await github.upsertComment(repo, 12, 'status-run-6', 'same');
    await github.upsertComment(repo, 12, 'status-run-6', 'same');
    expect(fake.requests.filter((r) => r.method !== 'GET')).toHaveLength(1);
  });

  it('rejects a marker that could break out of the HTML comment, before any request', async () => {
    await expect(github.upsertComment(repo, 12, 'x --> <img>', 'body')).rejects.toThrow('Invalid comment marker');
    expect(fake.requests).toEqual([]);
  });
});

describe('markCommentOutdated', () => {
  it('minimizes an old comment as OUTDATED through GraphQL', async () => {
    const old = await github.upsertComment(repo, 12, 'status-run-7', 'old result');
    expect(await github.markCommentOutdated(repo, old)).toBe('minimized');
    expect(ours()[0]?.minimizedAs).toBe('OUTDATED');
    const graphql = fake.requests.at(-1);
    expect([graphql?.method, graphql?.path]).toEqual(['POST', '/graphql']);
    expect((graphql?.body as { variables: unknown }).variables).toEqual({ subjectId: old.nodeId });
  });

  it('falls back to editing the comment when GitHub refuses to minimize it, once', async () => {
    const old = await github.upsertComment(repo, 12, 'status-run-8', 'old result');
    const forbidden = {
      data: { minimizeComment: null },
      errors: [{ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }],
    };
    fake.failNext('POST', '/graphql', 200, { body: forbidden, times: 2 });

    expect(await github.markCommentOutdated(repo, old)).toBe('edited');
    expect(await github.markCommentOutdated(repo, old)).toBe('edited');
    expect(ours()[0]?.body).toBe(
      '> [!NOTE]\n> Outdated: a newer Perfbot run replaced this comment.\n\n<!-- perfbot:status-run-8 -->\nold result',
    );
    expect(ours()[0]?.minimizedAs).toBeUndefined();
    expect(fake.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });
});
