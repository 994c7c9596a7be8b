import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

// No `runs`: the pairs are planned by time, so the first bench on this machine calibrates it first, within a
// quarter of the budget (12 s: its 10 pairs even at the ~1.1 s a pair of a loaded machine; fewer than 6 would not
// be kept). The bench itself stops at its first look: head is 3x slower.
const PERF_YML = `benchmark:
  command: ["node", "bench.js"]
  format: bmf
  timeBudgetSeconds: 48
thresholds:
  regressionGate: 5%
  confidence: 0.99
`;

let harness: AppHarness;
beforeAll(async () => {
  harness = await startAppHarness({ perfYml: PERF_YML });
});
afterAll(async () => {
  expect(await harness.stop()).toBe(0);
  await cleanupAll();
});

describe("a repository's first /perf bench on a machine", () => {
  it('runs a short A/A calibration of the base first, keeps it, and reports what the bench can detect', async () => {
    await harness.comment('/perf bench');
    const check = await eventually(
      'a completed perf check run',
      () => harness.fake.repo.checkRuns.find((r) => r.name === 'perf' && r.status === 'completed'),
      harness,
      120_000,
    );
    expect(check.conclusion).toBe('failure'); // sort is 3x slower on head
    const report = harness.statusComments().at(-1)!.body;
    expect(report).toMatch(
      /\*\*Calibration:\*\* this run can detect changes of ±\d+\.\d% \(80% power at its \d+ planned pairs\)/,
    );

    const redis = new Redis(harness.redisUrl);
    try {
      const keys = await redis.keys(`${harness.queuePrefix}:perfbot:calibration:*`);
      expect(keys).toHaveLength(1);
      const stored = JSON.parse((await redis.get(keys[0]!))!);
      expect(stored.sha).toBe(harness.baseSha);
      expect(stored.benchmarks).toContainEqual(
        expect.objectContaining({ benchmark: 'sort', metric: 'time', pairs: 10 }),
      );
    } finally {
      redis.disconnect();
    }
  }, 180_000);
});
