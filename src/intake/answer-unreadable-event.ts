import type { IntakeJobData } from '../queue/intake-job-data.ts';
import { parsePerfCommand } from '../webhooks/parse-perf-command.ts';
import type { IgnoredEvent } from '../webhooks/perf-trigger.ts';
import type { IntakeDeps, IntakeOutcome } from './intake-deps.ts';
import { renderIntakeReply } from './render-intake-reply.ts';

/** Where a comment that could not be fully read was written, read field by field without trusting the shape. */
function looseTarget(payload: Record<string, unknown>) {
  const p = payload as {
    repository?: { id?: unknown; name?: unknown; owner?: { login?: unknown } };
    installation?: { id?: unknown };
    issue?: { number?: unknown };
    comment?: { body?: unknown; user?: { login?: unknown; type?: unknown } | null };
  };
  const { repository: r, installation: i, issue, comment } = p;
  const ids = [r?.id, i?.id, issue?.number];
  if (!ids.every((n) => typeof n === 'number' && Number.isInteger(n) && n > 0)) return undefined;
  if (typeof r?.name !== 'string' || typeof r.owner?.login !== 'string' || typeof comment?.body !== 'string')
    return undefined;
  const login = typeof comment.user?.login === 'string' ? comment.user.login : '';
  // A bot echoing `/perf` must not start a conversation with the app, unreadable or not.
  if (comment.user?.type === 'Bot' || login.toLowerCase().endsWith('[bot]')) return undefined;
  return {
    repoId: r.id as number,
    installationId: i!.id as number,
    repo: { owner: r.owner.login, name: r.name },
    number: issue!.number as number,
    body: comment.body,
  };
}

/**
 * An event whose payload could not be read never vanishes: when it is a comment in which someone typed a
 * `/perf` command, they are told on the pull request (or issue) that Perfbot could not read it, once per
 * delivery (the reply is upserted under the delivery's marker). Otherwise it is only logged and counted.
 */
export async function answerUnreadableEvent(
  event: IntakeJobData,
  ignored: IgnoredEvent,
  deps: IntakeDeps,
): Promise<IntakeOutcome> {
  const target = event.name === 'issue_comment' ? looseTarget(event.payload) : undefined;
  if (target === undefined || parsePerfCommand(target.body).type === 'none')
    return { type: 'ignored', reason: ignored.ignored };
  const github = await deps.githubFor(target.installationId, target.repoId);
  const body = renderIntakeReply({ type: 'unreadable', reason: ignored.ignored, deliveryId: event.deliveryId });
  await github.upsertComment(target.repo, target.number, `reply-${event.deliveryId}`, body);
  return { type: 'replied', reply: 'unreadable' };
}
