import { afterEach, describe, expect, it } from 'vitest';
import { pullJson } from '../fakes/fake-github-json.ts';
import { nextId } from '../fakes/fake-github-state.ts';
import { cleanupAll } from '../helpers/git-fixtures.ts';
import { eventually, startAppHarness, type AppHarness } from '../helpers/app-harness.ts';
import { createOptimizeFixture, startingFiles } from '../integration/optimize/optimize-fixture.ts';

let harness: AppHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await cleanupAll();
});

describe('/perf optimize on a pull request from a fork, end to end', () => {
  it('pushes nothing to the base repository and opens no PR: the verified patch is a comment, the report says why', async () => {
    const fixture = await createOptimizeFixture({ optimizer: 'optimizer-fix-slow' });
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
    // PR #1 as GitHub shows a fork's: the head repository is mallory's (`fork: true`), its branch is not in the
    // base repository, which has only refs/pull/1/head.
    const pull = fake.repo.pulls[0]!;
    pull.headRepo = { id: nextId(fake.state), fullName: 'mallory/perf-demo' };
    fake.repo.branches.delete('feature');
    await h.remote.git('update-ref', '-d', 'refs/heads/feature');
    expect(pullJson(fake.repo, pull, fake.url).head.repo).toMatchObject({ full_name: 'mallory/perf-demo', fork: true });
    const refsBefore = await h.remote.git('for-each-ref', '--format=%(refname)');

    const delivery = await h.comment('/perf optimize --max-iter 2');
    expect(delivery.status, delivery.body).toBe(200);
    const status = await eventually(
      'the final report',
      () => h.statusComments().find((c) => c.body.includes('## ✅ Optimization complete'))?.body,
      h,
      150_000,
    );

    const patches = h.botComments().filter((c) => c.body.startsWith('<!-- perfbot:patch-'));
    expect(patches.map((c) => c.issueNumber)).toEqual([1]);
    expect(patches[0]?.body).toContain(
      'This pull request comes from a fork (`mallory/perf-demo`), so Perfbot pushed nothing',
    );
    expect(patches[0]?.body).toMatch(/^- Speed \(slowSum\): .*faster\)$/m);
    expect(patches[0]?.body).toContain('```diff\nFrom ');
    expect(status).toContain('**Delivered as a patch:**');
    expect(status).toContain('| CI | not run: nothing was pushed (fork pull request) |');

    expect(await h.remote.git('for-each-ref', '--format=%(refname)')).toBe(refsBefore);
    expect(fake.repo.pulls).toHaveLength(1);
    expect(fake.state.issuedTokens.map((t) => t.permissions.contents)).not.toContain('write');
    await eventually('no live run left', async () => ((await h.liveRuns()).length === 0 ? true : undefined), h);
    fake.assertNoUnexpected();
  }, 180_000);
});
