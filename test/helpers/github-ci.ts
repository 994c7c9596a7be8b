import { githubNow, nextId } from '../fakes/fake-github-state.ts';
import type { FakeGitHub } from '../fakes/fake-github-server.ts';
import { examplePayload } from './webhook-delivery.ts';

/** GitHub's `check_suite.completed` example, retargeted at the fake's repository and commit `sha`. */
export function checkSuitePayload(fake: FakeGitHub, sha: string, conclusion: string) {
  const payload = examplePayload('check_suite', (e) => e.action === 'completed');
  const repo = payload.repository as Record<string, unknown>;
  Object.assign(repo, {
    id: fake.repo.id,
    name: fake.repo.name,
    full_name: `${fake.repo.owner}/${fake.repo.name}`,
    default_branch: 'main',
  });
  (repo.owner as Record<string, unknown>).login = fake.repo.owner;
  payload.installation = { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
  Object.assign(payload.check_suite as Record<string, unknown>, {
    head_sha: sha,
    head_branch: null,
    status: 'completed',
    conclusion,
  });
  return payload;
}

/** GitHub Actions as the app of a workflow job's check run (its id on github.com). */
export const GITHUB_ACTIONS_APP = { id: 15368, slug: 'github-actions' };

/** A completed check run `name` (`ci` by default) on `sha`, as the repository's CI (GitHub Actions) would report it. */
export function seedCheckRun(fake: FakeGitHub, sha: string, conclusion: string, name = 'ci'): void {
  const id = nextId(fake.state);
  const now = githubNow();
  fake.repo.checkRuns.push({
    id,
    nodeId: `CR_${id}`,
    name,
    headSha: sha,
    status: 'completed',
    conclusion,
    externalId: null,
    detailsUrl: null,
    output: { title: `ci ${conclusion}`, summary: `ci ${conclusion}: 3 tests`, text: null },
    startedAt: now,
    completedAt: now,
    app: GITHUB_ACTIONS_APP,
  });
}
