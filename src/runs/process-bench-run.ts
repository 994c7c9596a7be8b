import type { BenchReport } from '../benchmark/bench-report.ts';
import { cancelledBy, isShutdown } from '../domain/cancel-reason.ts';
import { BenchCancelledError } from '../domain/errors.ts';
import { waivedRows } from '../acks/waived-rows.ts';
import { completeCheckRun, findOrCreateCheckRun } from './bench-check-run.ts';
import { measureBench } from './measure-bench.ts';
import { openRun } from './open-run.ts';
import type { BenchRunDeps, RunJob } from './run-deps.ts';
import { markPreviousOutdated } from './status-comment-store.ts';

export type BenchRunOutcome = { type: 'report'; regression: boolean } | { type: 'head-moved'; current: string };

/**
 * Runs one `/perf bench` job: re-authorizes the requester, reads perf.yml from the default branch, refuses if
 * the PR's head moved since the command was accepted, then checks out base and head and compares them — while
 * keeping one status comment and the `perf` check run up to date. Every write is idempotent (marker-keyed
 * comment, check run found by external id), so a retried job never duplicates anything.
 */
export async function processBenchRun(job: RunJob, signal: AbortSignal, deps: BenchRunDeps): Promise<BenchRunOutcome> {
  const run = await openRun(job, deps);
  const { github, repo, data, jobId } = run;
  const status = run.statusComment('bench');
  status.tracker.start('queued');
  status.tracker.start('checkout');
  const { config } = await run.authorize({ onUserError: (error) => status.fail(error) });
  const { pull, moved } = await run.checkHead(status);
  if (moved !== undefined) return { type: 'head-moved', current: moved };
  if (pull === undefined) throw new Error('a bench run reports on a pull request');
  await status.post();
  const checkRun = await findOrCreateCheckRun(github, repo, data.headSha, jobId);
  const checkRunId = checkRun.id;
  status.checkRunUrl = checkRun.url;

  let report: BenchReport;
  try {
    report = await measureBench(run, pull, config, status, signal, deps);
  } catch (error) {
    // Perfbot is shutting down: the job goes back to the queue and its next attempt takes over this comment and
    // check run, so neither may say the run was cancelled.
    if (isShutdown(signal)) throw error;
    if (error instanceof BenchCancelledError || signal.aborted) {
      const by = cancelledBy(signal);
      await status.cancelled(by);
      await completeCheckRun(github, repo, checkRunId, { type: 'cancelled', by });
    } else {
      await completeCheckRun(github, repo, checkRunId, { type: 'failed', failure: await status.fail(error) });
    }
    throw error;
  }

  // Outside the try: a failure while reporting must not replace the report with a failure message.
  status.tracker.start('report');
  status.tracker.complete();
  const warnAck = (error: unknown) =>
    run.warn('could not read or record /perf ack data', {
      err: error instanceof Error ? error.message : String(error),
    });
  // The latest ack on this pull request is mentioned under the verdict; it never carries over to this run.
  const previousAck = (await deps.acks?.listAcks(data.repo.id, pull.number).catch(warnAck))?.[0];
  const outcome = { type: 'report', report } as const;
  const final = await status.end({
    outcome,
    ...(previousAck === undefined ? {} : { previousAcknowledgement: previousAck }),
  });
  // Before the check run completes, so a /perf ack that sees it fail finds what to waive.
  if (report.regression) {
    const record = {
      jobId,
      headSha: data.headSha,
      checkRunId,
      commentId: final.posted.id,
      waived: waivedRows(report),
      status: { ...final.input, outcome },
    };
    await deps.acks?.saveFailedRun(data.repo.id, pull.number, record).catch(warnAck);
  }
  await completeCheckRun(github, repo, checkRunId, outcome);
  // Cosmetic, so best effort: failing here would fail the job and re-run a benchmark that already reported.
  const latest = { id: final.posted.id, nodeId: final.posted.nodeId, runId: jobId };
  await markPreviousOutdated(
    github,
    repo,
    deps.statusComments,
    { repoId: data.repo.id, pr: pull.number },
    latest,
  ).catch((error: unknown) =>
    run.warn('could not mark the previous status comment outdated', {
      err: error instanceof Error ? error.message : String(error),
    }),
  );
  return { type: 'report', regression: report.regression };
}
