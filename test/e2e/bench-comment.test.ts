import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

let harness: AppHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await cleanupAll();
});

describe('/perf bench on a pull request, end to end', () => {
  it('answers the webhook at once, then posts one status comment with the verdict and completes the perf check run', async () => {
    harness = await startAppHarness();
    const { fake } = harness;
    const delivery = await harness.comment('/perf bench');
    expect(delivery.status, delivery.body).toBe(200);

    const check = await eventually(
      'a completed perf check run',
      () => fake.repo.checkRuns.find((r) => r.name === 'perf' && r.status === 'completed'),
      harness,
      90_000,
    );
    expect(check.headSha).toBe(harness.headSha);
    expect(check.conclusion).toBe('failure'); // sort got 6x slower: beyond the 5% gate
    expect(check.output.title).toMatch(/sort .*slower/);

    const statusComments = fake.repo.comments.filter(
      (c) => c.user.login === 'perfbot[bot]' && c.body.includes('<!-- perfbot:run-'),
    );
    expect(statusComments).toHaveLength(1);
    const body = statusComments[0]!.body;
    expect(body).toMatch(/^\| `sort` \|.*\| 🔴 slower \|$/m);
    expect(body).toMatch(/^🔴 \*\*/m);
    expect(body).toContain('| `sort` |');
    expect(body).toContain(harness.headSha.slice(0, 7));
    // The footer links to the check run GitHub made, by the address GitHub gave for it.
    expect(body).toContain(`· [check run](https://github.com/${fake.repo.owner}/${fake.repo.name}/runs/${check.id}) ·`);
    expect(fake.repo.reactions.map((r) => r.content)).toEqual(['eyes']);

    // Tokens were minted per repository, and never reached a comment or the app's output.
    const tokens = fake.state.issuedTokens;
    expect(tokens.length).toBeGreaterThan(0);
    for (const t of tokens) {
      expect(t.repositoryIds).toEqual([fake.repo.id]);
      expect(harness.output()).not.toContain(t.token);
      for (const c of fake.repo.comments) expect(c.body).not.toContain(t.token);
    }
    fake.assertNoUnexpected();
  }, 180_000);
});
