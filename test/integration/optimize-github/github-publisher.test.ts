import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createTrustedRepo, type TrustedRepo } from '../../../src/optimize/create-trusted-repo.ts';
import { createGitHubPublisher, type PublishTarget } from '../../../src/optimize/github/create-github-publisher.ts';
import type { PublishRequest } from '../../../src/optimize/publisher.ts';
import { startFakeGitHub, type FakeGitHub } from '../../fakes/fake-github-server.ts';
import {
  cleanupAll,
  commitFiles,
  createBareRemote,
  createTempDir,
  createTempRepo,
  type BareRemote,
} from '../../helpers/git-fixtures.ts';
import { createTestClient, repoOf } from '../github/github-test-client.ts';

const PATCH_A = ['--- a/app.js', '+++ b/app.js', '@@ -1 +1 @@', '-slow();', '+fast();', ''].join('\n');
const PATCH_B = ['--- a/app.js', '+++ b/app.js', '@@ -1 +1 @@', '-slow();', '+faster();', ''].join('\n');
const TOKEN = 'ghs_publisherTestToken000000000000000000';
const INTRO = 'Performance optimization of #7.';

interface Setup {
  fake: FakeGitHub;
  remote: BareRemote;
  trusted: TrustedRepo;
  start: string;
  minted: number;
  /** A commit of `patch` on the starting commit, with this run's trailer, made at `date`. */
  commit(patch: string, date?: string): Promise<PublishRequest>;
  publisher(target?: PublishTarget): ReturnType<typeof createGitHubPublisher>;
}

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
afterAll(cleanupAll);

async function setup(): Promise<Setup> {
  const repo = await createTempRepo({ files: { 'app.js': 'slow();\n' } });
  await repo.git('checkout', '-q', '-b', 'feature');
  const start = await commitFiles(repo.dir, { 'README.md': '# app\n' }, 'feature work');
  const remote = await createBareRemote(repo.dir);
  fake = await startFakeGitHub();
  fake.setBranch('main', repo.shas[0] ?? '');
  fake.addPull({ number: 7, headRef: 'feature', headSha: start });
  fake.repo.cloneUrl = remote.url;
  fake.repo.gitDir = remote.dir;
  const trusted = await createTrustedRepo({
    gitDir: path.join(await createTempDir(), 'trusted.git'),
    source: repo.dir,
  });
  await trusted.ensureCommit(start);
  const github = createTestClient(fake);
  const setupValue: Setup = {
    fake,
    remote,
    trusted,
    start,
    minted: 0,
    async commit(patch, date = '2026-01-01T00:00:00Z') {
      const message = `perf: optimize app.js\n\nImprovements:\n- Speed (x): 2 ms → 1 ms (50.0% faster)\n\nPerfbot-Run: task1\n`;
      const { sha } = await trusted.commitPatch({
        parent: start,
        patch,
        message,
        author: { name: 'Perfbot', email: 'perfbot@example.invalid' },
        date,
      });
      return {
        gitDir: trusted.gitDir,
        sha,
        parentSha: start,
        branch: 'perf/task1',
        runId: 'task1',
        signal: new AbortController().signal,
      };
    },
    publisher: (target = { kind: 'pull-request', base: 'feature', intro: INTRO }) =>
      createGitHubPublisher({
        github,
        repo: repoOf(setupValue.fake),
        cloneUrl: remote.url,
        pushCredentials: async () => {
          setupValue.minted += 1;
          return { username: 'x-access-token', password: TOKEN };
        },
        target,
      }),
  };
  return setupValue;
}

describe('createGitHubPublisher', () => {
  it('pushes perf/<task>, opens one pull request against the PR branch, and is idempotent', async () => {
    const s = await setup();
    const request = await s.commit(PATCH_A);
    const first = await s.publisher().publish(request);
    expect(first).toEqual({
      sha: request.sha,
      pushed: true,
      prNumber: 8,
      links: {
        pullRequest: 'https://github.com/octo-org/perf-demo/pull/8',
        commit: `https://github.com/octo-org/perf-demo/pull/8/commits/${request.sha}`,
      },
    });
    expect(await s.remote.git('rev-parse', 'refs/heads/perf/task1')).toBe(request.sha);
    const pull = s.fake.repo.pulls.find((p) => p.number === 8);
    expect([pull?.headRef, pull?.baseRef, pull?.title]).toEqual(['perf/task1', 'feature', 'perf: optimize app.js']);
    expect(pull?.body).toBe(
      `${INTRO}\n\n\`\`\`text\nperf: optimize app.js\n\nImprovements:\n- Speed (x): 2 ms → 1 ms (50.0% faster)\n\nPerfbot-Run: task1\n\`\`\`\n`,
    );

    // Again (a repeated COMMIT phase): same branch, same pull request, nothing new.
    expect(await s.publisher().publish(request)).toEqual(first);
    expect(s.fake.repo.pulls).toHaveLength(2);
    expect(s.fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/pulls'))).toHaveLength(1);
    expect(s.minted).toBe(2);
  });

  it('keeps an identical commit that an interrupted attempt already pushed', async () => {
    const s = await setup();
    const earlier = await s.commit(PATCH_A, '2026-01-01T00:00:00Z');
    await s.remote.git('fetch', '-q', s.trusted.gitDir, `${earlier.sha}:refs/heads/perf/task1`);
    const again = await s.commit(PATCH_A, '2026-01-01T00:05:00Z');
    expect(again.sha).not.toBe(earlier.sha);
    const result = await s.publisher().publish(again);
    expect(result.sha).toBe(earlier.sha);
    expect(await s.remote.git('rev-parse', 'refs/heads/perf/task1')).toBe(earlier.sha);
  });

  it('replaces its own earlier commit, but refuses a branch someone else pushed to', async () => {
    const s = await setup();
    const first = await s.commit(PATCH_A);
    await s.publisher().publish(first);
    const second = await s.commit(PATCH_B);
    expect((await s.publisher().publish(second)).sha).toBe(second.sha);
    expect(await s.remote.git('rev-parse', 'refs/heads/perf/task1')).toBe(second.sha);

    // Someone pushes on top of Perfbot's commit: the next publish must not overwrite it.
    const work = await createTempDir();
    await s.remote.git('worktree', 'add', '-q', work, 'perf/task1');
    const theirs = await commitFiles(work, { 'NOTES.md': 'mine\n' }, 'human commit');
    const third = await s.commit(PATCH_A, '2026-01-02T00:00:00Z');
    await expect(s.publisher().publish(third)).rejects.toThrow(
      `branch perf/task1 moved: it is at ${theirs.slice(0, 7)}, which Perfbot did not push for this run`,
    );
    expect(await s.remote.git('rev-parse', 'refs/heads/perf/task1')).toBe(theirs);
  });

  it('pushToPrBranch: fast-forwards the PR branch from its starting commit, and refuses once it moved', async () => {
    const s = await setup();
    const target: PublishTarget = {
      kind: 'pr-branch',
      branch: 'feature',
      number: 7,
      url: 'https://github.com/octo-org/perf-demo/pull/7',
    };
    const first = await s.commit(PATCH_A);
    expect(await s.publisher(target).publish(first)).toEqual({
      sha: first.sha,
      pushed: true,
      prNumber: 7,
      links: {
        pullRequest: 'https://github.com/octo-org/perf-demo/pull/7',
        commit: `https://github.com/octo-org/perf-demo/pull/7/commits/${first.sha}`,
      },
    });
    expect(await s.remote.git('rev-parse', 'refs/heads/feature')).toBe(first.sha);
    expect(s.fake.repo.pulls).toHaveLength(1);

    const work = await createTempDir();
    await s.remote.git('worktree', 'add', '-q', work, 'feature');
    const theirs = await commitFiles(work, { 'NOTES.md': 'author pushed\n' }, 'author commit');
    await expect(s.publisher(target).publish(await s.commit(PATCH_B))).rejects.toThrow('branch feature moved');
    expect(await s.remote.git('rev-parse', 'refs/heads/feature')).toBe(theirs);
  });
});
