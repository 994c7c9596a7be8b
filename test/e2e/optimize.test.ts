import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { ciWaitKey } from '../../src/optimize/ci-monitor.ts';
import { INTAKE_QUEUE } from '../../src/queue/queue-names.ts';
import { runWaitKey } from '../../src/queue/run-waits.ts';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';
import { checkSuitePayload, seedCheckRun } from '../helpers/github-ci.ts';
import { LOCAL_FIXTURE } from '../integration/optimize-github/optimize-github-harness.ts';
import { createOptimizeFixture, startingFiles } from '../integration/optimize/optimize-fixture.ts';

let harness: AppHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await cleanupAll();
});

describe('/perf optimize on a pull request, end to end', () => {
  it('opens a one-commit PR with the figures, posts the review, turns MONITOR green on check_suite success and reports', async () => {
    // The repository with a known slow function and the scripted agents (analyzer, optimizer-fix-slow, a reviewer
    // with one minor finding) of the optimize integration tests, run by the app through PERFBOT_CONFIG.
    const fixture = await createOptimizeFixture({
      optimizer: 'optimizer-fix-slow',
      reviewer: LOCAL_FIXTURE('reviewer-minor'),
    });
    const baseFiles = await startingFiles(fixture);
    harness = await startAppHarness({
      baseFiles,
      headFiles: { 'README.md': '# demo\n\nSums prefix sums.\n' },
      perfYml: baseFiles['.github/perf.yml']!,
      env: { PERFBOT_CONFIG: fixture.agentsConfig, SCRIPTED_LOG: fixture.log },
    });
    const h = harness;
    const { fake } = h;
    // Branches Perfbot pushes to the remote exist for the fake's API too.
    fake.repo.gitDir = h.remote.dir;

    const delivery = await h.comment('/perf optimize --max-iter 2');
    expect(delivery.status, delivery.body).toBe(200);

    // COMMIT pushed perf/<task> and opened its PR; MONITOR then looked at the commit's checks once (none yet) and
    // parked the run: delayed until its 30 s recheck, holding no worker slot.
    // Generous: under a loaded CI machine the nine reviewers and the sandboxed benchmarks take a while.
    const pr = await eventually(
      'the optimization PR',
      () => fake.repo.pulls.find((p) => p.headRef.startsWith('perf/')),
      h,
      240_000,
    );
    const sha = await h.remote.git('rev-parse', `refs/heads/${pr.headRef}`);
    const checksPath = `/repos/octo-org/perf-demo/commits/${sha}/check-runs`;
    // The perf/review check run is written on the pushed commit before MONITOR starts; MONITOR's look comes after.
    const monitorLooks = () => {
      const review = fake.requests.findIndex(
        (r) =>
          r.method === 'POST' &&
          r.path === '/repos/octo-org/perf-demo/check-runs' &&
          (r.body as { name?: string }).name === 'perf/review',
      );
      return review < 0
        ? 0
        : fake.requests.slice(review).filter((r) => r.method === 'GET' && r.path === checksPath).length;
    };
    await eventually('MONITOR looking at the pushed commit', () => monitorLooks() > 0, h);
    const parked = await eventually(
      'the run parked while CI is pending',
      async () => {
        const runs = await h.liveRuns();
        return runs.length === 1 && runs[0]?.state === 'delayed' ? runs : undefined;
      },
      h,
    );
    expect(parked.map((r) => [r.headSha, r.state])).toEqual([[h.headSha, 'delayed']]);
    expect((await h.jobCounts()).run).toMatchObject({ active: 0, delayed: 1 });
    expect(h.statusComments()[0]?.body).toContain('waiting for CI (0 of 0 checks finished)');

    // CI reports: the check run (what MONITOR's look sees) and the check_suite webhook (which promotes the parked run).
    seedCheckRun(fake, sha, 'success');
    const looksBefore = monitorLooks();
    const suite = await h.deliver('check_suite', checkSuitePayload(fake, sha, 'success'));
    expect(suite.status, suite.body).toBe(200);
    const woken = Date.now();
    const status = await eventually(
      'the final report',
      () => h.statusComments().find((c) => c.body.includes('## ✅ Optimization complete'))?.body,
      h,
      60_000,
    );
    // Well within the poll interval: the webhook, not the next poll, ended the wait.
    expect(Date.now() - woken).toBeLessThan(20_000);
    expect(monitorLooks()).toBe(looksBefore + 1);

    // Intake read the webhook's news (its job's outcome, in Redis under the app's prefix), next to the record of
    // which job waited for it.
    const redis = new Redis(h.redisUrl, { maxRetriesPerRequest: null });
    const intake = new Queue(INTAKE_QUEUE, { connection: redis, prefix: h.queuePrefix });
    try {
      expect((await intake.getJob(`gh-${suite.deliveryId}`))?.returnvalue).toMatchObject({
        type: 'ci-news',
        sha,
        conclusion: 'success',
      });
      expect(
        await redis.get(runWaitKey({ prefix: h.queuePrefix, repoId: fake.repo.id, waitKey: ciWaitKey(sha) })),
      ).toBe(parked[0]?.id);
    } finally {
      await intake.close();
      redis.disconnect();
    }

    // One PR from perf/<task> into the PR's branch, with exactly one commit carrying the engine's figures.
    expect(
      fake.repo.pulls.filter((p) => p.headRef.startsWith('perf/')).map((p) => [p.number, p.baseRef, p.title]),
    ).toEqual([[2, 'feature', 'perf: optimize src/slow.js']]);
    expect(pr.headRef).toMatch(/^perf\/run-optimize-\d+-pull1-[0-9a-f]{12}-\d+$/);
    expect(await h.remote.git('rev-list', '--count', `${h.headSha}..${sha}`)).toBe('1');
    const lines = (await h.remote.git('log', '-1', '--format=%B', sha)).split('\n');
    expect(lines[0]).toBe('perf: optimize src/slow.js');
    expect(lines[2]).toBe('Improvements:');
    expect(lines[3]).toMatch(/^- Speed \(slowSum\): \S+ \S+ → \S+ \S+ \(\d+\.\d% faster\)$/);
    expect(lines[4]).toMatch(/^- Memory: /);
    // The person who asked is a co-author, by their no-reply address (this GitHub is an Enterprise Server: users.noreply.<host>).
    expect(lines).toContain(
      `Co-Authored-By: maintainer <10007+maintainer@users.noreply.${new URL(fake.url).hostname}>`,
    );
    expect(await h.remote.git('show', '--name-only', '--format=', sha)).toBe('src/slow.js');

    // The review: one comment on #1 with the severity table.
    const reviews = h.botComments().filter((c) => c.body.startsWith('<!-- perfbot:review-'));
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.issueNumber).toBe(1);
    expect(reviews[0]?.body).toContain('| 🔵 low | 1 |');

    // The benchmark tables: the baseline and the verification of iteration 1, one comment each.
    const tables = h.botComments().filter((c) => /^<!-- perfbot:(baseline|verify)-/.test(c.body));
    expect(tables.map((c) => c.body.split('\n')[1])).toEqual([
      '### 📏 Perfbot: baseline before optimizing',
      '### 📐 Perfbot: verification of iteration 1',
    ]);
    expect(tables[1]?.body).toContain('slowSum');
    // The baseline comment also holds perf-targets.md (with its starting figures) and the CPU profile, collapsed;
    // each perf-analysis.md is a comment of its own.
    expect(tables[0]?.body).toContain(
      '<details><summary>What this run optimizes: targets, trade-offs, starting figures (bots/perf-targets.md)</summary>',
    );
    expect(tables[0]?.body).toContain(
      '<details><summary>CPU profile: top functions by self and total time (bots/profile.txt)</summary>',
    );
    const analyses = h.botComments().filter((c) => /^<!-- perfbot:analysis-/.test(c.body));
    expect(analyses.map((c) => c.body.split('\n')[1])).toEqual(['### 🔍 Perfbot: analysis 1']);
    expect(analyses[0]?.body).toContain('slowSum');

    // One status comment: MONITOR green, then the final report linking the PR.
    expect(h.statusComments()).toHaveLength(1);
    expect(status).toContain('✅ Watch CI checks — CI passed');
    expect(status).toContain('https://github.com/octo-org/perf-demo/pull/2');
    expect(status.indexOf('## ✅ Optimization complete')).toBeGreaterThan(
      status.indexOf('### ⚡ Perfbot optimization'),
    );
    for (const { token } of fake.state.issuedTokens) {
      expect(h.output()).not.toContain(token);
      for (const c of fake.repo.comments) expect(c.body).not.toContain(token);
    }
    fake.assertNoUnexpected();
  }, 330_000);
  it('cancels a run parked at MONITOR: the run wakes, stops, and its status comment says it was cancelled', async () => {
    const fixture = await createOptimizeFixture({
      optimizer: 'optimizer-fix-slow',
      reviewer: LOCAL_FIXTURE('reviewer-minor'),
    });
    const baseFiles = await startingFiles(fixture);
    harness = await startAppHarness({
      baseFiles,
      headFiles: { 'README.md': '# demo\n\nSums prefix sums.\n' },
      perfYml: baseFiles['.github/perf.yml']!,
      env: { PERFBOT_CONFIG: fixture.agentsConfig, SCRIPTED_LOG: fixture.log },
    });
    const h = harness;
    h.fake.repo.gitDir = h.remote.dir;
    expect((await h.comment('/perf optimize --max-iter 2')).status).toBe(200);
    await eventually(
      'the run parked while CI is pending',
      async () => {
        const runs = await h.liveRuns();
        return runs.length === 1 && runs[0]?.state === 'delayed' ? runs : undefined;
      },
      h,
      120_000,
    );

    const cancel = await h.comment('/perf cancel');
    expect(cancel.status).toBe(200);
    const status = await eventually(
      'a cancelled final report',
      () => h.statusComments().find((c) => /cancel/i.test(c.body) && !c.body.includes('waiting for CI'))?.body,
      h,
      60_000,
    );
    expect(status).not.toContain('## ✅ Optimization complete');
    await eventually('no live run left', async () => ((await h.liveRuns()).length === 0 ? true : undefined), h);
    expect(h.statusComments()).toHaveLength(1);
    h.fake.assertNoUnexpected();
  }, 330_000);
});
