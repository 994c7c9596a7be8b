import type { CheckRunSummary } from '../github/github-client.ts';
import type { NothingToAcknowledge } from '../reports/replies/render-ack-reply.ts';
import type { Acknowledgement } from './acknowledgement.ts';
import type { FailedRunRecord } from './failed-run-record.ts';

/** The name of Perfbot's check run (`process-bench-run`). */
export const PERF_CHECK_NAME = 'perf';

/** What `/perf ack` finds on the pull request's current head, from GitHub's check runs and Perfbot's records. */
export interface AckSituation {
  /** The pull request's head now. */
  headSha: string;
  /** Every check run on `headSha`, as GitHub lists them. */
  checkRuns: readonly CheckRunSummary[];
  /** The pull request's latest run that failed the regression gate, if Perfbot still has it. */
  failedRun: FailedRunRecord | null;
  /** The ack already recorded for `headSha`, if any. */
  existing: Acknowledgement | undefined;
  /** This command's delivery: a retried intake job finishes its own ack instead of calling it done. */
  deliveryId: string;
  /** When the `/perf ack` comment was written (its `created_at`, GitHub's clock). */
  commandAt: string;
  /** This app's id: only its own check runs named `perf` count (omitted: every app's, as when the id is unknown). */
  appId?: number;
  /** Set when perf.yml's `triggers.selfAck` is false and the person acking wrote the pull request. */
  byAuthorRefused?: boolean;
}

/**
 * What `/perf ack` should do:
 * - `acknowledge`: the latest `perf` check run on the head failed on the regression of `record` (same job, same
 *   SHA) — or this very delivery already began acknowledging it;
 * - `nothing`, with why: no `perf` check on the head (`no-check`), still running, not failing (`passed`, or
 *   `already` acknowledged), or failing for another reason than a recorded regression (the run itself failed,
 *   or its record expired), or a failure that completed after the comment was written (`newer-than-command`: a
 *   push and a new failing run in between — the maintainer read another result, so this one is not waived), or
 *   the pull request's own author when perf.yml's `triggers.selfAck` is false (`self-ack`).
 *   `movedFrom` is set when the recorded regression is on an older commit: the head moved since, and acks hold
 *   for one commit only.
 */
export type AckPlan = { type: 'acknowledge'; record: FailedRunRecord } | ({ type: 'nothing' } & NothingToAcknowledge);

export function planAcknowledgement(situation: AckSituation): AckPlan {
  const { headSha, failedRun, existing } = situation;
  // GitHub shows (and branch protection uses) the newest check run of a name; ids only grow.
  // A workflow job or another app may also be named `perf`: only this app's check runs are Perfbot's.
  const ours = situation.checkRuns.filter(
    (run) => run.name === PERF_CHECK_NAME && (situation.appId === undefined || run.appId === situation.appId),
  );
  const latest = ours.sort((a, b) => b.id - a.id)[0];
  const ofLatest =
    failedRun !== null &&
    latest !== undefined &&
    failedRun.headSha === headSha &&
    failedRun.jobId === latest.externalId;
  const movedFrom = failedRun !== null && failedRun.headSha !== headSha ? failedRun.headSha : undefined;
  const nothing = (
    reason: NothingToAcknowledge['reason'],
    extra: { conclusion?: string; existing?: Acknowledgement } = {},
  ): AckPlan => ({
    type: 'nothing',
    reason,
    headSha,
    ...extra,
    ...(movedFrom === undefined ? {} : { movedFrom }),
  });
  if (latest === undefined) return nothing('no-check');
  if (latest.status !== 'completed') return nothing('running');
  const ackedLatest = existing !== undefined && existing.jobId === latest.externalId;
  if (ofLatest && ackedLatest && existing.deliveryId === situation.deliveryId)
    return { type: 'acknowledge', record: failedRun };
  if (latest.conclusion !== 'failure') {
    return ackedLatest
      ? nothing('already', { existing })
      : nothing('passed', { conclusion: latest.conclusion ?? 'unknown' });
  }
  if (!ofLatest) return nothing('not-a-regression');
  if (situation.byAuthorRefused === true) return nothing('self-ack');
  // GitHub's timestamps have whole seconds: a result finished in the same second as the comment counts as read.
  if (latest.completedAt !== null && Date.parse(latest.completedAt) > Date.parse(situation.commandAt))
    return nothing('newer-than-command');
  return { type: 'acknowledge', record: failedRun };
}
