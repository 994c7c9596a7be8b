import { afterEach, describe, expect, it } from 'vitest';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

let harness: AppHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await cleanupAll();
});

describe('GitHub Enterprise Server over http (GHE_PROTOCOL=http), end to end', () => {
  it('a /perf bench comment whose payload carries an http:// clone URL gets its report; every API call went to /api/v3 and git was fetched over http from the same host', async () => {
    harness = await startAppHarness({ enterpriseHttp: true });
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
    expect(check.conclusion).toBe('failure'); // sort got 6x slower
    expect(harness.statusComments()).toHaveLength(1);
    expect(harness.statusComments()[0]!.body).toMatch(/^\| `sort` \|.*\| 🔴 slower \|$/m);
    // The enterprise fake answers only under /api/v3: a call elsewhere would be recorded as unexpected.
    expect(fake.requests.length).toBeGreaterThan(0);
    // The code came over plain http from the GHES host itself (the API's clone_url), with a contents:read token.
    expect(fake.gitRequests.filter((r) => r.url.startsWith('/octo-org/perf-demo.git/')).length).toBeGreaterThan(0);
    fake.assertNoUnexpected();
  }, 180_000);
});
