import type { AckStore } from '../acks/ack-store.ts';
import type { Acknowledgement } from '../acks/acknowledgement.ts';
import { planAcknowledgement } from '../acks/plan-acknowledgement.ts';
import type { GitHubClient, RepoRef } from '../github/github-client.ts';
import { renderAckCheckRun } from '../reports/check-run/render-ack-check-run.ts';
import { renderCheckRunOutput } from '../reports/check-run/render-check-run-output.ts';
import { renderStatusComment, statusCommentMarker } from '../reports/status-comment/render-status-comment.ts';
import type { AckCommand } from '../webhooks/perf-command.ts';
import type { TriggerActor } from '../webhooks/perf-trigger.ts';
import type { IntakeReply } from './render-intake-reply.ts';

export interface AcknowledgeRequest {
  repo: RepoRef;
  repoId: number;
  pr: number;
  actor: TriggerActor;
  command: AckCommand;
  deliveryId: string;
  /** When the command's comment was written (`created_at`). */
  commandAt: string;
  /** This app's id, so that another app's check run named `perf` is not taken for Perfbot's. */
  appId?: number;
  /** perf.yml's `triggers.selfAck`: false refuses an ack by the pull request's author. */
  selfAck: boolean;
}

/**
 * `/perf ack [reason]` from an authorized user: when the latest `perf` check run on the pull request's CURRENT
 * head failed on a regression Perfbot recorded (see `planAcknowledgement`), records the ack under (repo, PR,
 * head SHA), turns that check run to `success` with who, why and the waived rows, and adds the ack line under
 * the verdict of the run's status comment. Otherwise nothing changes and the reply says why.
 *
 * The ack is recorded first: a retried intake job (same delivery) then finds it and redoes the two GitHub writes,
 * which are idempotent (the same check-run update, the comment upserted by its marker).
 */
export async function acknowledgeRegression(
  github: GitHubClient,
  acks: AckStore,
  request: AcknowledgeRequest,
  now: () => Date,
): Promise<IntakeReply> {
  const { repo, repoId, pr, actor, deliveryId } = request;
  const pull = await github.getPullRequest(repo, pr);
  const [checkRuns, failedRun, recorded] = await Promise.all([
    github.listCheckRunsForRef(repo, pull.headSha),
    acks.getFailedRun(repoId, pr),
    acks.listAcks(repoId, pr),
  ]);
  const existing = recorded.find((ack) => ack.headSha === pull.headSha);
  const plan = planAcknowledgement({
    headSha: pull.headSha,
    checkRuns,
    failedRun,
    existing,
    deliveryId,
    commandAt: request.commandAt,
    ...(request.appId === undefined ? {} : { appId: request.appId }),
    byAuthorRefused: !request.selfAck && pull.authorId === actor.id,
  });
  if (plan.type === 'nothing') return { type: 'nothing-to-ack', nothing: plan };

  const { record } = plan;
  const retried = existing !== undefined && existing.deliveryId === deliveryId && existing.jobId === record.jobId;
  const ack: Acknowledgement = retried
    ? existing
    : {
        repoId,
        pr,
        headSha: record.headSha,
        jobId: record.jobId,
        login: actor.login,
        userId: actor.id,
        ...(request.command.reason === undefined ? {} : { reason: request.command.reason }),
        at: now().toISOString(),
        deliveryId,
        waived: record.waived,
      };
  await acks.saveAck(ack);
  const report = renderCheckRunOutput(record.status.outcome);
  await github.updateCheckRun(repo, record.checkRunId, {
    status: 'completed',
    ...renderAckCheckRun(ack, report.output),
  });
  await github.upsertComment(
    repo,
    pr,
    statusCommentMarker(record.jobId),
    renderStatusComment({ ...record.status, acknowledgement: ack }),
    record.commentId,
  );
  return { type: 'acknowledged', ack };
}
