import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkpointKey } from '../../../src/optimize/github/create-redis-checkpoint-store.ts';
import { PipelineState } from '../../../src/pipeline/pipeline-state.ts';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { historyOf } from '../optimize/optimize-cli-harness.ts';
import { LOCAL_FIXTURE, startOptimizeGitHubHarness, type OptimizeGitHubHarness } from './optimize-github-harness.ts';

let harness: OptimizeGitHubHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});
afterAll(cleanupAll);

async function checkpoint(h: OptimizeGitHubHarness): Promise<PipelineState> {
  return PipelineState.parse(JSON.parse((await h.redis.get(checkpointKey(h.prefix, h.jobId))) ?? 'null'));
}

/** Nothing any token the fake issued appears in what Perfbot wrote to GitHub. */
function expectNoTokens(h: OptimizeGitHubHarness): void {
  const written = [
    ...h.fake.repo.comments.map((c) => c.body),
    ...h.fake.repo.pulls.map((p) => p.body ?? ''),
    ...h.fake.repo.checkRuns.map((r) => r.output.summary ?? ''),
  ];
  expect(h.fake.state.issuedTokens.length).toBeGreaterThan(0);
  for (const { token } of h.fake.state.issuedTokens) for (const text of written) expect(text).not.toContain(token);
}

describe('processOptimizeRun (GitHub worker)', () => {
  it('pushes perf/<task>, opens a PR against the PR branch, posts the review, waits for green CI and reports', async () => {
    const h = (harness = await startOptimizeGitHubHarness({
      optimizer: 'optimizer-fix-slow',
      reviewer: LOCAL_FIXTURE('reviewer-minor'),
    }));
    const ci = h.playCi(['success']);
    const outcome = await h.run();

    // On failure, say where and why the run stopped.
    expect(
      outcome.type,
      JSON.stringify(outcome.type === 'completed' || outcome.type === 'stopped' ? outcome.state.stop : outcome),
    ).toBe('completed');
    const state = await checkpoint(h);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets met',
      'review: no blocking findings',
      'confirm: confirmed',
      'commit: pushed',
      'monitor: CI passed',
      'complete: completed',
    ]);
    // Checkpoints expire (30 days), so abandoned runs do not pile up in Redis.
    expect(await h.redis.ttl(checkpointKey(h.prefix, h.jobId))).toBeGreaterThan(29 * 24 * 3600);

    // One commit on perf/<task> in the remote, on top of the PR's head, with the engine's figures.
    const sha = await h.remote.git('rev-parse', `refs/heads/${h.branch}`);
    expect(sha).toBe(state.commitSha);
    expect(ci).toEqual([sha]);
    expect(await h.remote.git('rev-parse', `${sha}^`)).toBe(h.fixture.start);
    const lines = (await h.remote.git('log', '-1', '--format=%B', sha)).split('\n');
    expect(lines[0]).toBe('perf: optimize src/slow.js');
    expect(lines[2]).toBe('Improvements:');
    expect(lines[3]).toMatch(/^- Speed \(slowSum\): \S+ \S+ → \S+ \S+ \(\d+\.\d% faster\)$/);
    expect(lines[4]).toMatch(/^- Memory: /);
    expect(await h.remote.git('show', '--name-only', '--format=', sha)).toBe('src/slow.js');

    // The pull request: from perf/<task> into the PR's head branch, the commit message quoted as text.
    expect(h.fake.repo.pulls.map((p) => [p.number, p.headRef, p.baseRef, p.title])).toEqual([
      [7, 'feature', 'main', 'Sum faster'],
      [8, h.branch, 'feature', 'perf: optimize src/slow.js'],
    ]);
    const body = h.fake.repo.pulls[1]?.body ?? '';
    expect(body).toContain('Performance optimization of #7, to merge into the branch of #7.');
    expect(body).toContain('```text\nperf: optimize src/slow.js\n');
    expect(state.prNumber).toBe(8);

    // The push used a contents:write token for this one repository; reads used read-only ones.
    const permissions = h.fake.state.issuedTokens.map((t) => [t.permissions.contents, t.repositoryIds]);
    expect(permissions).toContainEqual(['write', [h.fake.repo.id]]);
    expect(permissions.every(([, ids]) => JSON.stringify(ids) === JSON.stringify([h.fake.repo.id]))).toBe(true);

    // The review: a comment on #7 with the severity table, and the perf/review check run on the pushed commit.
    const reviews = h.commentsWith(`review-${h.jobId}`);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]?.issueNumber).toBe(7);
    expect(reviews[0]?.body).toContain('| 🔵 low | 1 |');
    expect(reviews[0]?.body).toContain('Name the running total');
    const reviewCheck = h.fake.repo.checkRuns.filter((r) => r.name === 'perf/review');
    expect(reviewCheck.map((r) => [r.headSha, r.status, r.conclusion, r.externalId])).toEqual([
      [sha, 'completed', 'neutral', h.jobId],
    ]);

    // One status comment, ending with the final report and the collapsed checklist.
    const statuses = h.commentsWith(`run-${h.jobId}`);
    expect(statuses).toHaveLength(1);
    const status = statuses[0]?.body ?? '';
    expect(status).toContain('### ⚡ Perfbot optimization — head');
    expect(status).toContain('## ✅ Optimization complete');
    expect(status).toContain('https://github.com/octo-org/perf-demo/pull/8');
    expect(status).toMatch(/<details><summary>Run phases \(.+ in total\)<\/summary>/);
    expect(status).toContain('✅ Watch CI checks — CI passed');
    expectNoTokens(h);
    h.fake.assertNoUnexpected();
  });

  it('resumes a run interrupted by a shutdown without duplicating comments, commits or pull requests', async () => {
    const h = (harness = await startOptimizeGitHubHarness({ optimizer: 'optimizer-fix-slow' }));
    const stop = new AbortController();
    // Shut down while MONITOR waits for CI that has not reported yet.
    const first = await h.run(stop.signal, (phase) => {
      if (phase === 'monitor') stop.abort('shutdown');
    });
    expect(first).toEqual({ type: 'interrupted', phase: 'monitor' });
    expect(h.commentsWith(`run-${h.jobId}`)[0]?.body).toContain('⏸️ Perfbot is restarting.');
    const pushed = await h.remote.git('rev-parse', `refs/heads/${h.branch}`);

    const ci = h.playCi(['success']);
    const second = await h.run();
    expect(second.type).toBe('completed');
    const state = await checkpoint(h);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets met',
      'review: no blocking findings',
      'confirm: confirmed',
      'commit: pushed',
      'monitor: CI passed',
      'complete: completed',
    ]);
    expect(await h.remote.git('rev-parse', `refs/heads/${h.branch}`)).toBe(pushed);
    expect(ci).toEqual([pushed]);
    expect(await h.remote.git('rev-list', '--count', `${h.fixture.start}..${pushed}`)).toBe('1');
    expect(h.fake.repo.pulls.filter((p) => p.headRef === h.branch)).toHaveLength(1);
    expect(h.commentsWith(`run-${h.jobId}`)).toHaveLength(1);
    expect(h.commentsWith(`review-${h.jobId}`)).toHaveLength(1);
    expect(h.fake.repo.checkRuns.filter((r) => r.name === 'perf/review')).toHaveLength(1);
    const status = h.commentsWith(`run-${h.jobId}`)[0]?.body ?? '';
    expect(status).toContain('## ✅ Optimization complete');
    expect(status).not.toContain('restarting');
    // No finished phase ran twice: one analyzer and one optimizer call in all.
    const calls = await h.fixture.calls();
    expect(calls.filter((call) => call === 'analyzer')).toHaveLength(1);
    expect(calls.filter((call) => call === 'optimizer')).toHaveLength(1);
    expectNoTokens(h);
    h.fake.assertNoUnexpected();
  });

  it('goes back to ANALYZE when CI fails, replaces its own commit on the branch and reuses the pull request', async () => {
    const h = (harness = await startOptimizeGitHubHarness({
      optimizer: 'optimizer-fix-slow,./optimizer-add-comment.mjs',
    }));
    const ci = h.playCi(['failure', 'success']);
    const outcome = await h.run();

    expect(outcome.type).toBe('completed');
    const state = await checkpoint(h);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets met',
      'review: no blocking findings',
      'confirm: confirmed',
      'commit: pushed',
      'monitor: CI failed',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets met',
      'review: no blocking findings',
      'confirm: confirmed',
      'commit: pushed',
      'monitor: CI passed',
      'complete: completed',
    ]);
    expect(state.ciRounds).toBe(2);
    const tip = await h.remote.git('rev-parse', `refs/heads/${h.branch}`);
    expect(ci).toHaveLength(2);
    expect(ci[1]).toBe(tip);
    expect(tip).toBe(state.commitSha);
    // Still one commit on the PR's head: the second replaced the first (with a lease on it).
    expect(await h.remote.git('rev-parse', `${tip}^`)).toBe(h.fixture.start);
    expect(await h.remote.git('show', `${tip}:src/slow.js`)).toContain('// reviewed by the optimizer');
    expect(h.fake.repo.pulls.filter((p) => p.headRef === h.branch)).toHaveLength(1);
    expect(h.fake.repo.checkRuns.filter((r) => r.name === 'perf/review').map((r) => r.headSha)).toEqual(ci);
    expect(h.commentsWith(`run-${h.jobId}`)).toHaveLength(1);
    expectNoTokens(h);
    h.fake.assertNoUnexpected();
  });
});

describe('processOptimizeRun: refusals before the pipeline starts', () => {
  it('says on the PR that this Perfbot has no agents configured, and fails as a user error', async () => {
    const h = (harness = await startOptimizeGitHubHarness({ optimizer: 'optimizer-fix-slow' }));
    const failure = await h.run(undefined, undefined, { operatorConfig: undefined }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({
      userError: true,
      message: expect.stringContaining('this Perfbot has no agents configured (PERFBOT_CONFIG)'),
    });
    const status = h.commentsWith(`run-${h.jobId}`);
    expect(status).toHaveLength(1);
    expect(status[0]?.body).toContain(
      'this Perfbot has no agents configured (`PERFBOT_CONFIG`), so it cannot run `/perf optimize`.',
    );
    expect(status[0]?.body).toContain('❌ Check out and read .github/perf.yml');
    expect(await h.redis.exists(checkpointKey(h.prefix, h.jobId))).toBe(0);
    expect(h.fake.repo.pulls).toHaveLength(1);
    h.fake.assertNoUnexpected();
  });

  it('does not start when the PR head moved after the command, and says so', async () => {
    const h = (harness = await startOptimizeGitHubHarness({ optimizer: 'optimizer-fix-slow' }));
    const moved = 'c'.repeat(40);
    const pull = h.fake.repo.pulls.find((p) => p.number === 7);
    if (pull) pull.headSha = moved;
    expect(await h.run()).toEqual({ type: 'head-moved', current: moved });
    const status = h.commentsWith(`run-${h.jobId}`)[0]?.body ?? '';
    expect(status).toContain('`ccccccc`');
    expect(status).toContain('/perf optimize');
    expect(await h.fixture.calls()).toEqual([]);
    expect(await h.remote.git('for-each-ref', '--format=%(refname)', 'refs/heads/perf')).toBe('');
  });
});

describe('processOptimizeRun: other triggers and endings', () => {
  it('for an issue label: opens the pull request against the default branch, referencing the issue', async () => {
    const h = (harness = await startOptimizeGitHubHarness({ optimizer: 'optimizer-fix-slow' }));
    await h.remote.git('update-ref', 'refs/heads/main', h.fixture.start);
    h.fake.setBranch('main', h.fixture.start);
    h.fake.addIssue(9);
    h.data.target = { type: 'issue', number: 9 };
    h.playCi(['success']);
    expect((await h.run()).type).toBe('completed');

    const pull = h.fake.repo.pulls.find((p) => p.headRef === h.branch);
    expect([pull?.number, pull?.baseRef]).toEqual([10, 'main']);
    expect(pull?.body).toContain('Performance optimization for #9.');
    expect(h.commentsWith(`run-${h.jobId}`).map((c) => c.issueNumber)).toEqual([9]);
    expect(h.commentsWith(`review-${h.jobId}`).map((c) => c.issueNumber)).toEqual([9]);
    expect(await h.remote.git('rev-parse', `refs/heads/${h.branch}^`)).toBe(h.fixture.start);
    h.fake.assertNoUnexpected();
  });

  it('a /perf cancel mid-run stops it, pushes nothing and still posts the final report', async () => {
    const h = (harness = await startOptimizeGitHubHarness({ optimizer: 'optimizer-fix-slow' }));
    const cancel = new AbortController();
    const outcome = await h.run(cancel.signal, (phase) => {
      if (phase === 'verify') cancel.abort('by @maintainer');
    });
    expect(outcome.type).toBe('stopped');
    const state = await checkpoint(h);
    expect(state.stop).toMatchObject({ phase: 'verify', kind: 'cancelled' });
    expect(historyOf(state).at(-1)).toBe('complete: stopped');
    const status = h.commentsWith(`run-${h.jobId}`);
    expect(status).toHaveLength(1);
    expect(status[0]?.body).toContain('## 🚫 Optimization cancelled during verify');
    expect(status[0]?.body).toContain('🚫 Verify (tests and benchmarks)');
    expect(await h.remote.git('for-each-ref', '--format=%(refname)', 'refs/heads/perf')).toBe('');
    expect(h.fake.repo.pulls).toHaveLength(1);
  });
});
