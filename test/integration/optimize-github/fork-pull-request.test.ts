/**
 * `/perf optimize` on a pull request from a fork (audit S6): by default nothing reaches the base repository
 * (no branch, no pull request, no write token); the verified change is posted on the PR as a patch that the
 * contributor applies. `optimize.forkPullRequests: push` keeps the old delivery.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { checkpointKey } from '../../../src/optimize/github/create-redis-checkpoint-store.ts';
import { FORK_PATCH_ARTIFACT } from '../../../src/optimize/github/create-patch-comment-publisher.ts';
import { PipelineState } from '../../../src/pipeline/pipeline-state.ts';
import { pullJson } from '../../fakes/fake-github-json.ts';
import { cleanupAll, createTempDir, fixtureGitEnv, gitIn } from '../../helpers/git-fixtures.ts';
import { historyOf } from '../optimize/optimize-cli-harness.ts';
import { LOCAL_FIXTURE, startOptimizeGitHubHarness, type OptimizeGitHubHarness } from './optimize-github-harness.ts';

const run = promisify(execFile);

let harness: OptimizeGitHubHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});
afterAll(cleanupAll);

async function checkpoint(h: OptimizeGitHubHarness): Promise<PipelineState> {
  return PipelineState.parse(JSON.parse((await h.redis.get(checkpointKey(h.prefix, h.jobId))) ?? 'null'));
}

/** Every ref of the base repository's remote. */
async function remoteRefs(h: OptimizeGitHubHarness): Promise<string[]> {
  return (await h.remote.git('for-each-ref', '--format=%(refname)')).split('\n').filter(Boolean);
}

/** A clone of the base repository at the PR's head, as the contributor has it. */
async function cloneAtPrHead(h: OptimizeGitHubHarness): Promise<string> {
  const dir = path.join(await createTempDir('perfbot-fork-clone-'), 'clone');
  await gitIn(path.dirname(dir), 'clone', '--quiet', h.remote.url, dir);
  await gitIn(dir, 'fetch', '--quiet', 'origin', 'refs/pull/7/head');
  await gitIn(dir, 'checkout', '--quiet', '-b', 'feature', 'FETCH_HEAD');
  return dir;
}

/**
 * The patch as the comment's own instructions get it: its `gh api … --jq` step replaced by the body, then the
 * instructions' `awk` (read from the comment, so the test checks what users are told to run).
 */
async function extractAsInstructed(body: string): Promise<string> {
  const awk = /\| (awk '.*' )> perfbot\.patch$/m.exec(body)?.[1];
  if (awk === undefined) throw new Error(`no awk step in the comment:\n${body}`);
  const dir = await createTempDir('perfbot-fork-body-');
  await writeFile(path.join(dir, 'body.md'), body);
  const { stdout } = await run('sh', ['-c', `${awk} < body.md`], { cwd: dir });
  return stdout;
}

describe('/perf optimize on a pull request from a fork', () => {
  it('pushes nothing and opens no PR: posts the verified patch with its figures, which applies to the PR head', async () => {
    const h = (harness = await startOptimizeGitHubHarness(
      { optimizer: 'optimizer-fix-slow', reviewer: LOCAL_FIXTURE('reviewer-minor') },
      { headRepoFullName: 'mallory/perf-demo' },
    ));
    // As GitHub shows it: the head repository is another one, marked as a fork; only refs/pull/7/head is here.
    const seeded = h.fake.repo.pulls.find((p) => p.number === 7);
    if (seeded === undefined) throw new Error('PR #7 was not seeded');
    expect(pullJson(h.fake.repo, seeded, h.fake.url).head.repo).toMatchObject({
      full_name: 'mallory/perf-demo',
      fork: true,
    });
    expect(pullJson(h.fake.repo, seeded, h.fake.url).base.repo).toMatchObject({
      full_name: 'octo-org/perf-demo',
      fork: false,
    });
    const refsBefore = await remoteRefs(h);
    expect(refsBefore).toEqual(['refs/heads/main', 'refs/pull/7/head']);

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
      'commit: patch posted, nothing pushed',
      'complete: completed',
    ]);
    expect(state.pushed).toBe(false);

    // Nothing reached the base repository: no ref, no pull request, no check run, and no write token at all.
    expect(await remoteRefs(h)).toEqual(refsBefore);
    expect(await h.remote.git('for-each-ref', '--format=%(refname)', 'refs/heads/perf')).toBe('');
    expect(h.fake.repo.pulls.map((p) => p.number)).toEqual([7]);
    expect(h.fake.repo.checkRuns.filter((r) => r.name === 'perf/review')).toEqual([]);
    expect(h.fake.state.issuedTokens.map((t) => t.permissions.contents)).not.toContain('write');
    expect(h.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/pulls'))).toEqual([]);

    // One patch comment on #7: why, the figures of the commit message, how to apply it, the patch in a diff block.
    const comments = h.commentsWith(`patch-${h.jobId}`);
    expect(comments.map((c) => c.issueNumber)).toEqual([7]);
    const body = comments[0]?.body ?? '';
    expect(body).toContain('### 🩹 Perfbot: the verified change, as a patch');
    expect(body).toContain(
      'This pull request comes from a fork (`mallory/perf-demo`), so Perfbot pushed nothing to octo-org/perf-demo',
    );
    expect(body).toContain(`on top of \`${h.fixture.start.slice(0, 7)}\``);
    expect(body).toContain('```text\nperf: optimize src/slow.js\n');
    expect(body).toMatch(/^- Speed \(slowSum\): \S+ \S+ → \S+ \S+ \(\d+\.\d% faster\)$/m);
    expect(body).toMatch(/^- Memory: /m);
    expect(body).toContain('git am perfbot.patch');
    expect(body).toContain('git apply perfbot.patch');
    expect(body).toContain(
      `gh api repos/octo-org/perf-demo/issues/comments/${comments[0]?.id} --jq .body \\\n  | awk '/^\`\`\`diff$/`,
    );
    expect(body).toMatch(
      /<details><summary>The patch \(1 file, \+\d+ −\d+\)<\/summary>\n\n```diff\nFrom [0-9a-f]{40} /,
    );

    // The posted patch is the artifact byte for byte, and it is exactly the commit Perfbot verified.
    const patch = await extractAsInstructed(body);
    expect(patch).toBe(await readFile(path.join(h.runsDir, h.jobId, 'bots', FORK_PATCH_ARTIFACT), 'utf8'));
    expect(patch).toContain('Subject: [PATCH] perf: optimize src/slow.js');
    expect(patch).toContain('diff --git a/src/slow.js b/src/slow.js');

    // It applies cleanly onto the PR head in a real clone: with `git apply`, and as one commit with `git am`.
    const applied = await cloneAtPrHead(h);
    await writeFile(path.join(applied, 'perfbot.patch'), patch);
    await gitIn(applied, 'apply', '--check', 'perfbot.patch');
    await gitIn(applied, 'apply', 'perfbot.patch');
    expect(await gitIn(applied, 'status', '--porcelain', '--untracked-files=no')).toBe('M src/slow.js');
    const { stdout: tests } = await run(process.execPath, ['test.js'], { cwd: applied, env: fixtureGitEnv() });
    expect(tests).toContain('tests passed');

    const committed = await cloneAtPrHead(h);
    await writeFile(path.join(committed, '..', 'perfbot.patch'), patch);
    await gitIn(committed, 'am', '--quiet', '../perfbot.patch');
    expect(await gitIn(committed, 'rev-parse', 'HEAD^')).toBe(h.fixture.start);
    expect(await gitIn(committed, 'log', '-1', '--format=%s%n%an')).toBe('perf: optimize src/slow.js\nPerfbot');
    expect(await gitIn(committed, 'show', '--name-only', '--format=', 'HEAD')).toBe('src/slow.js');

    // The final report says how the change was delivered, and that CI (and its repair) could not run.
    const status = h.commentsWith(`run-${h.jobId}`)[0]?.body ?? '';
    expect(status).toContain('## ✅ Optimization complete');
    expect(status).toContain(
      `**Delivered as a patch:** this pull request comes from a fork, so Perfbot pushed nothing to this repository`,
    );
    expect(status).toContain(
      `[posted as a patch](${'https://github.com/octo-org/perf-demo/pull/7#issuecomment-'}${comments[0]?.id})`,
    );
    expect(status).toContain('| CI | not run: nothing was pushed (fork pull request) |');
    expect(status).toContain('✅ Commit and push — patch posted, nothing pushed');
    for (const { token } of h.fake.state.issuedTokens)
      for (const c of h.fake.repo.comments) expect(c.body).not.toContain(token);
    h.fake.assertNoUnexpected();
  }, 120_000);

  it('treats a pull request whose fork was deleted as a fork, and says so', async () => {
    const h = (harness = await startOptimizeGitHubHarness(
      { optimizer: 'optimizer-fix-slow' },
      { headRepoFullName: null },
    ));
    expect((await h.run()).type).toBe('completed');
    expect(await remoteRefs(h)).toEqual(['refs/heads/main', 'refs/pull/7/head']);
    expect(h.fake.repo.pulls).toHaveLength(1);
    const body = h.commentsWith(`patch-${h.jobId}`)[0]?.body ?? '';
    expect(body).toContain(
      'This pull request comes from a fork that has since been deleted, so Perfbot pushed nothing',
    );
    expect(body).toContain('```diff\nFrom ');
    h.fake.assertNoUnexpected();
  }, 120_000);

  it('with optimize.forkPullRequests: push, pushes perf/<task> and opens a PR against the base branch, as before', async () => {
    const h = (harness = await startOptimizeGitHubHarness(
      { optimizer: 'optimizer-fix-slow' },
      { headRepoFullName: 'mallory/perf-demo' },
    ));
    const perfYml = await h.fixture.repo.git('show', `${h.fixture.start}:.github/perf.yml`);
    expect(perfYml).toContain('optimize:\n');
    h.fake.setFile('.github/perf.yml', perfYml.replace('optimize:\n', 'optimize:\n  forkPullRequests: push\n'));
    const ci = h.playCi(['success']);
    expect((await h.run()).type).toBe('completed');
    expect(historyOf(await checkpoint(h)).slice(-3)).toEqual([
      'commit: pushed',
      'monitor: CI passed',
      'complete: completed',
    ]);

    const sha = await h.remote.git('rev-parse', `refs/heads/${h.branch}`);
    expect(ci).toEqual([sha]);
    expect(await h.remote.git('rev-parse', `${sha}^`)).toBe(h.fixture.start);
    const pull = h.fake.repo.pulls.find((p) => p.headRef === h.branch);
    expect([pull?.number, pull?.baseRef]).toEqual([8, 'main']);
    expect(pull?.body).toContain('(the head branch of #7 is in a fork)');
    expect(h.commentsWith(`patch-${h.jobId}`)).toEqual([]);
    h.fake.assertNoUnexpected();
  }, 120_000);
});
