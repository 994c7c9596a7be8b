import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';

let fake: FakeGitHub;
beforeEach(async () => {
  fake = await startFakeGitHub();
});
afterEach(async () => {
  await fake.close();
});

const auth = { authorization: 'token ghs_x', 'content-type': 'application/json' };

describe('the fake GitHub itself', () => {
  it('answers 501 to a route it does not implement, records it as unexpected, and makes assertNoUnexpected fail', async () => {
    const response = await fetch(`${fake.url}/repos/octo-org/perf-demo/releases`, {
      method: 'POST',
      headers: auth,
      body: '{"tag_name":"v1"}',
    });
    expect(response.status).toBe(501);
    expect(fake.unexpected.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/repos/octo-org/perf-demo/releases', { tag_name: 'v1' }],
    ]);
    expect(() => fake.assertNoUnexpected()).toThrow(
      'fake GitHub received unexpected requests:\n  POST /repos/octo-org/perf-demo/releases',
    );
  });

  it('treats any GraphQL other than minimizeComment as unexpected', async () => {
    const response = await fetch(`${fake.url}/graphql`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ query: '{ viewer { login } }' }),
    });
    expect(response.status).toBe(501);
    expect(fake.unexpected).toHaveLength(1);
  });

  it('refuses unauthenticated requests like GitHub, and 404s unknown repositories', async () => {
    expect((await fetch(`${fake.url}/repos/octo-org/perf-demo`)).status).toBe(401);
    expect((await fetch(`${fake.url}/repos/octo-org/nope`, { headers: auth })).status).toBe(404);
    expect(fake.unexpected).toEqual([]);
  });

  it('records method, decoded path, query, headers and status of every request', async () => {
    fake.setFile('dir/a b.txt', 'hi');
    const response = await fetch(`${fake.url}/repos/octo-org/perf-demo/contents/dir%2Fa%20b.txt?ref=main`, {
      headers: auth,
    });
    expect(await response.json()).toMatchObject({
      type: 'file',
      encoding: 'base64',
      content: 'aGk=\n',
      path: 'dir/a b.txt',
      name: 'a b.txt',
    });
    expect(fake.requests).toMatchObject([
      {
        method: 'GET',
        path: '/repos/octo-org/perf-demo/contents/dir/a b.txt',
        query: { ref: 'main' },
        body: undefined,
        status: 200,
        headers: { authorization: 'token ghs_x' },
      },
    ]);
  });

  it('fails the next matching request as told, then answers normally', async () => {
    fake.failNext('GET', /^\/repos\/[^/]+\/[^/]+$/, 403, { headers: { 'retry-after': '7' } });
    const limited = await fetch(`${fake.url}/repos/octo-org/perf-demo`, { headers: auth });
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([403, '7']);
    expect(((await limited.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    expect((await fetch(`${fake.url}/repos/octo-org/perf-demo`, { headers: auth })).status).toBe(200);
  });
});
