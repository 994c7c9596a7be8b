import type { GitHubClient, RepoRef } from '../github/github-client.ts';
import { renderCheckRunOutput } from '../reports/check-run/render-check-run-output.ts';
import type { RunOutcome } from '../reports/run-outcome.ts';

const CHECK_NAME = 'perf';

/** The bench run's `perf` check run on `sha` (its id and web address), found again by the job id (a retried job reuses it) or created. */
export async function findOrCreateCheckRun(
  github: GitHubClient,
  repo: RepoRef,
  sha: string,
  jobId: string,
): Promise<{ id: number; url: string }> {
  const existing = (await github.listCheckRunsForRef(repo, sha)).find(
    (run) => run.name === CHECK_NAME && run.externalId === jobId,
  );
  if (existing) return { id: existing.id, url: existing.url };
  const created = await github.createCheckRun(repo, {
    name: CHECK_NAME,
    headSha: sha,
    status: 'in_progress',
    externalId: jobId,
    output: { title: 'Benchmarking…', summary: 'Perfbot is comparing this commit with its base.' },
  });
  return created;
}

/** Completes the check run with how the run ended (the report's verdict, a failure, a cancel). */
export async function completeCheckRun(
  github: GitHubClient,
  repo: RepoRef,
  checkRunId: number,
  outcome: RunOutcome,
): Promise<void> {
  await github.updateCheckRun(repo, checkRunId, { status: 'completed', ...renderCheckRunOutput(outcome) });
}
