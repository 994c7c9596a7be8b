import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';

let harness: AppHarness;
beforeAll(async () => {
  harness = await startAppHarness();
});
afterAll(async () => {
  expect(await harness.stop()).toBe(0);
  await cleanupAll();
});

const calibrationComment = () =>
  harness.botComments().find((c) => c.body.includes('### Noise calibration of') && !c.body.includes('⏳'));

describe('/perf calibrate, end to end', () => {
  it('measures the default branch against itself, answers with the noise per benchmark, and the next /perf bench on this machine uses it', async () => {
    const delivery = await harness.comment('/perf calibrate');
    expect(delivery.status).toBe(200);
    const comment = await eventually('the calibration comment', calibrationComment, harness, 120_000);
    const body = comment.body;
    expect(body).toContain(`### Noise calibration of \`main@${harness.baseSha.slice(0, 7)}\``);
    expect(body).toMatch(/^\| `sort` \| time \| \d+\.\d% \| ±\d+\.\d% \| (\d+|out of reach) \|$/m);
    expect(body).toMatch(/^\| `parse` \| time \| \d+\.\d% \| ±\d+\.\d% \| (\d+|out of reach) \|$/m);
    expect(body).toContain('| Detects in 20 pairs |');
    expect(body).toContain("Kept for this repository and this worker's machine for 30 days.");
    // Nothing about the pull request was judged: no check run.
    expect(harness.fake.repo.checkRuns).toEqual([]);

    // Stored in Redis under this repository and one machine fingerprint, expiring in 30 days.
    const redis = new Redis(harness.redisUrl);
    try {
      const keys = await redis.keys(`${harness.queuePrefix}:perfbot:calibration:*`);
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(
        new RegExp(
          `^${harness.queuePrefix}:perfbot:calibration:${`${harness.fake.repo.owner}/${harness.fake.repo.name}`.toLowerCase()}:[0-9a-f]{16}$`,
        ),
      );
      const stored = JSON.parse((await redis.get(keys[0]!))!);
      expect(stored.sha).toBe(harness.baseSha);
      expect(await redis.ttl(keys[0]!)).toBeGreaterThan(29 * 24 * 3600);
    } finally {
      redis.disconnect();
    }

    await harness.comment('/perf bench');
    const check = await eventually(
      'a completed perf check run',
      () => harness.fake.repo.checkRuns.find((r) => r.name === 'perf' && r.status === 'completed'),
      harness,
      120_000,
    );
    expect(check.headSha).toBe(harness.headSha);
    const report = harness.statusComments().at(-1)!.body;
    expect(report).toMatch(
      /\*\*Calibration:\*\* this run can detect changes of ±\d+\.\d% \(80% power at its 8 planned pairs\), from the paired noise \d+\.\d% of `(sort|parse)` \(time\) measured by an A\/A run on this machine on \d{4}-\d\d-\d\d/,
    );
    harness.fake.assertNoUnexpected();
  }, 240_000);
});
