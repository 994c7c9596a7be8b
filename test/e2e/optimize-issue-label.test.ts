import { afterEach, describe, expect, it } from 'vitest';
import { checkSuitePayload, seedCheckRun } from '../helpers/github-ci.ts';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';
import { examplePayload } from '../helpers/webhook-delivery.ts';
import type { FakeGitHub } from '../fakes/fake-github-server.ts';
import { LOCAL_FIXTURE } from '../integration/optimize-github/optimize-github-harness.ts';
import { createOptimizeFixture, startingFiles } from '../integration/optimize/optimize-fixture.ts';

let harness: AppHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await cleanupAll();
});

const ISSUE = 5;

/** GitHub's `issues.labeled` example, retargeted at the fake's plain issue #5, labeled by `login`. */
function issueLabeledPayload(fake: FakeGitHub, name: string, login: string) {
  const payload = examplePayload('issues', (e) => e.action === 'labeled');
  const repo = payload.repository as Record<string, unknown>;
  Object.assign(repo, {
    id: fake.repo.id,
    name: fake.repo.name,
    full_name: `${fake.repo.owner}/${fake.repo.name}`,
    default_branch: 'main',
  });
  (repo.owner as Record<string, unknown>).login = fake.repo.owner;
  payload.installation = { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  const issue = payload.issue as Record<string, unknown>;
  issue.number = ISSUE;
  delete issue.pull_request;
  payload.label = { ...(payload.label as object), name };
  payload.sender = { ...(payload.sender as object), login, id: login.length * 1000 + 7, type: 'User' };
  return payload;
}

describe('the perf:optimize label on an issue, end to end', () => {
  it('optimizes the default branch: the label is removed, one PR into main that references the issue, the final report on the issue', async () => {
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
    fake.repo.gitDir = h.remote.dir;
    fake.addIssue(ISSUE);
    fake.addLabel(ISSUE, 'perf:optimize');

    const delivery = await h.deliver('issues', issueLabeledPayload(fake, 'perf:optimize', 'maintainer'));
    expect(delivery.status, delivery.body).toBe(200);

    const pr = await eventually(
      'the optimization PR',
      () => fake.repo.pulls.find((p) => p.headRef.startsWith('perf/')),
      h,
      240_000,
    );
    // The label was taken off (the request is acknowledged), and the run was pinned to main as it was.
    expect(fake.repo.labels.get(ISSUE)).toEqual([]);
    expect(pr.baseRef).toBe('main');
    expect(pr.body).toContain(`Performance optimization for #${ISSUE}.`);
    const sha = await h.remote.git('rev-parse', `refs/heads/${pr.headRef}`);
    expect(await h.remote.git('rev-list', '--count', `${h.baseSha}..${sha}`)).toBe('1');
    expect(await h.remote.git('show', '--name-only', '--format=', sha)).toBe('src/slow.js');

    seedCheckRun(fake, sha, 'success');
    const suite = await h.deliver('check_suite', checkSuitePayload(fake, sha, 'success'));
    expect(suite.status, suite.body).toBe(200);
    const report = await eventually(
      'the final report on the issue',
      () => h.statusComments().find((c) => c.body.includes('## ✅ Optimization complete')),
      h,
      90_000,
    );
    expect(report.issueNumber).toBe(ISSUE);
    expect(h.statusComments()).toHaveLength(1);
    expect(fake.repo.pulls.filter((p) => p.headRef.startsWith('perf/'))).toHaveLength(1);
    // Nothing was reported on the pull request #1 that also exists in this repository.
    expect(fake.repo.comments.filter((c) => c.issueNumber === 1 && c.user.login === 'perfbot[bot]')).toEqual([]);
    fake.assertNoUnexpected();
  }, 360_000);
});
