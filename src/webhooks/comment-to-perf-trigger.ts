import { parsePerfCommand } from './parse-perf-command.ts';
import type { InvalidPerfCommand, PerfCommand } from './perf-command.ts';
import { IssueCommentPayload } from './perf-event-payloads.ts';
import type { IgnoredEvent, PerfTrigger, PerfTriggerOptions } from './perf-trigger.ts';
import { botActorReason, ignored, malformedPayload, noInstallation, toTriggerRepo } from './webhook-event-checks.ts';

/** An `issue_comment.created` payload as a trigger; see {@link toPerfTrigger} for what is ignored. */
export function commentToPerfTrigger(payload: unknown, options: PerfTriggerOptions): PerfTrigger | IgnoredEvent {
  const parsed = IssueCommentPayload.safeParse(payload);
  if (!parsed.success) return malformedPayload('issue_comment', parsed.error);
  const { comment, issue, repository, installation } = parsed.data;
  if (installation === undefined) return noInstallation();
  if (comment.user === null) return ignored('comment by a deleted account');
  const bot = botActorReason(comment.user, options, 'comment by');
  if (bot !== undefined) return ignored(bot);
  const found = parsePerfCommand(comment.body);
  if (found.type === 'none') return ignored('comment has no /perf command');
  const isPull = issue.pull_request != null;
  let command: PerfCommand | InvalidPerfCommand;
  if (found.type === 'invalid') command = { kind: 'invalid', error: found.error };
  else command = isPull ? found.command : onIssue(found.command, options);
  return {
    source: 'comment',
    commentId: comment.id,
    commentedAt: comment.created_at,
    line: found.line,
    command,
    repo: toTriggerRepo(repository),
    installationId: installation.id,
    target: isPull ? { type: 'pull', number: issue.number } : { type: 'issue', number: issue.number },
    actor: { login: comment.user.login, id: comment.user.id },
  };
}

/** On a plain issue there is no pull request to benchmark or optimize; say what works instead. */
function onIssue(command: PerfCommand, options: PerfTriggerOptions): PerfCommand | InvalidPerfCommand {
  if (command.kind === 'bench') {
    return { kind: 'invalid', error: '/perf bench works on pull requests only; this is an issue' };
  }
  if (command.kind === 'optimize') {
    const label = JSON.stringify(options.labels.optimize);
    const error = `/perf optimize works on pull requests only; to optimize the default branch from an issue, add the label ${label}`;
    return { kind: 'invalid', error };
  }
  if (command.kind === 'ack') {
    return {
      kind: 'invalid',
      error: "/perf ack works on pull requests only: it accepts the regression of a pull request's perf check",
    };
  }
  return command;
}
