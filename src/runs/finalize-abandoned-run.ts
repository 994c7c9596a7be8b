import type { GitHubClient, RepoRef } from '../github/github-client.ts';
import type { RunJobData } from '../queue/run-job-data.ts';
import { renderCheckRunOutput } from '../reports/check-run/render-check-run-output.ts';
import type { RunFailure } from '../reports/failure/run-failure.ts';
import { renderStatusComment, statusCommentMarker } from '../reports/status-comment/render-status-comment.ts';

export interface AbandonedRunDeps {
  githubFor: (installationId: number, repoId: number) => Promise<GitHubClient>;
  now: () => number;
  /** Deletes what the run kept in shared state (an optimize run's checkpoint and run files): it never resumes. */
  forget?: (jobId: string) => Promise<void>;
}

/** What the person who asked is told when the workers running their job died or froze, more than once. */
export function abandonedRunFailure(reason: string): RunFailure {
  return {
    title: 'Perfbot lost this run: its worker stopped responding',
    problem: `The worker running this job stopped renewing its lock (it crashed, was killed or froze) more often than Perfbot retries a run (${reason}). Nothing was committed or reported for it.`,
    fix: "Run the command again. If runs keep getting lost, ask whoever runs Perfbot to check the workers' memory limits and logs around the time of this run (the run id is at the bottom of this comment).",
  };
}

/**
 * Ends a run that BullMQ gave up on without running its processor again (stalled past `maxStalledCount`): the
 * run's status comment says it failed and why, and every `perf`-family check run the job created on its commit is
 * completed as failed — so nothing stays "in progress" forever. Idempotent: the comment is found by its marker,
 * and check runs already completed are left alone.
 */
export async function finalizeAbandonedRun(
  jobId: string,
  data: RunJobData,
  reason: string,
  deps: AbandonedRunDeps,
): Promise<void> {
  const github = await deps.githubFor(data.installationId, data.repo.id);
  const repo: RepoRef = { owner: data.repo.owner, name: data.repo.name };
  const failure = abandonedRunFailure(reason);
  const outcome = { type: 'failed' as const, failure };
  // A calibration's comment is a bench run's, without the check run (it has none to complete).
  const kind = data.kind === 'calibrate' ? 'bench' : data.kind;
  const body = renderStatusComment({
    kind,
    phases: [],
    now: deps.now(),
    headSha: data.headSha,
    baseLabel: data.vs ?? data.repo.defaultBranch,
    actor: data.actor.login,
    runId: jobId,
    outcome,
  });
  await github.upsertComment(repo, data.target.number, statusCommentMarker(jobId), body);
  const open = (await github.listCheckRunsForRef(repo, data.headSha)).filter(
    (run) => run.externalId === jobId && run.status !== 'completed',
  );
  for (const run of open) {
    await github.updateCheckRun(repo, run.id, { status: 'completed', ...renderCheckRunOutput(outcome, kind) });
  }
  await deps.forget?.(jobId);
}
