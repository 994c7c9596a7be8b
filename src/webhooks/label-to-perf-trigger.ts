import { IssuesLabeledPayload, PullRequestLabeledPayload } from './perf-event-payloads.ts';
import type { IgnoredEvent, PerfTrigger, PerfTriggerOptions } from './perf-trigger.ts';
import { botActorReason, ignored, malformedPayload, noInstallation, toTriggerRepo } from './webhook-event-checks.ts';

/**
 * A `pull_request.labeled` payload as a trigger. The labeler (`sender`) is the actor to authorize; the
 * head SHA in the payload is the commit they labeled.
 */
export function pullRequestLabelToPerfTrigger(
  payload: unknown,
  options: PerfTriggerOptions,
): PerfTrigger | IgnoredEvent {
  const parsed = PullRequestLabeledPayload.safeParse(payload);
  if (!parsed.success) return malformedPayload('pull_request', parsed.error);
  const { label, pull_request: pull, repository, installation, sender } = parsed.data;
  if (installation === undefined) return noInstallation();
  const bot = botActorReason(sender, options, 'label added by');
  if (bot !== undefined) return ignored(bot);
  const kind = labelKind(label?.name, options);
  if (typeof kind !== 'string') return kind;
  return {
    source: 'label',
    labelName: label?.name ?? '',
    command: { kind },
    repo: toTriggerRepo(repository),
    installationId: installation.id,
    target: { type: 'pull', number: pull.number, headSha: pull.head.sha },
    actor: { login: sender.login, id: sender.id },
  };
}

/** An `issues.labeled` payload as a trigger: only the optimize label, which optimizes the default branch. */
export function issueLabelToPerfTrigger(payload: unknown, options: PerfTriggerOptions): PerfTrigger | IgnoredEvent {
  const parsed = IssuesLabeledPayload.safeParse(payload);
  if (!parsed.success) return malformedPayload('issues', parsed.error);
  const { label, issue, repository, installation, sender } = parsed.data;
  if (installation === undefined) return noInstallation();
  // Pull requests are issues too; their labels are handled once, from the pull_request event.
  if (issue.pull_request != null) {
    return ignored(`issues event for pull request #${issue.number}; handled as pull_request`);
  }
  const bot = botActorReason(sender, options, 'label added by');
  if (bot !== undefined) return ignored(bot);
  const kind = labelKind(label?.name, options);
  if (typeof kind !== 'string') return kind;
  if (kind === 'bench') {
    return ignored(`label ${JSON.stringify(label?.name)} on an issue; benchmarks need a pull request`);
  }
  return {
    source: 'label',
    labelName: label?.name ?? '',
    command: { kind },
    repo: toTriggerRepo(repository),
    installationId: installation.id,
    target: { type: 'issue', number: issue.number },
    actor: { login: sender.login, id: sender.id },
  };
}

/** Which of our labels `name` is (GitHub label names are unique ignoring case), or why it is ignored. */
function labelKind(name: string | undefined, options: PerfTriggerOptions): 'bench' | 'optimize' | IgnoredEvent {
  if (name === undefined) return ignored('label event without a label');
  const wanted = name.toLowerCase();
  if (wanted === options.labels.bench.toLowerCase()) return 'bench';
  if (wanted === options.labels.optimize.toLowerCase()) return 'optimize';
  return ignored(`label ${JSON.stringify(name)} is not a perf label`);
}
