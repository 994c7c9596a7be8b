import type { z } from 'zod';
import type { WebhookRepository, WebhookUser } from './perf-event-payloads.ts';
import type { IgnoredEvent, PerfTriggerOptions, TriggerRepo } from './perf-trigger.ts';

/** Checks and conversions shared by the comment and label translations of {@link toPerfTrigger}. */

export function ignored(reason: string): IgnoredEvent {
  return { ignored: reason };
}

/**
 * Why an event by `user` is ignored, if it is a bot or this app. Bots never trigger runs: a bot echoing
 * `/perf` could loop, and an App actor has no repository permission to check.
 */
export function botActorReason(user: WebhookUser, options: PerfTriggerOptions, by: string): string | undefined {
  const login = user.login.toLowerCase();
  if (options.botLogin !== undefined && login === options.botLogin.toLowerCase()) {
    return `${by} this app (${user.login})`;
  }
  if (user.type === 'Bot' || login.endsWith('[bot]')) return `${by} a bot (${user.login})`;
  return undefined;
}

/**
 * The repository of a trigger. No clone URL: the worker asks the configured GitHub's API for it (`clone_url` of
 * `GET /repos/{owner}/{repo}`), so a payload's `clone_url` — `http://` on some GitHub Enterprise Servers, or
 * anything at all in a forged job — is never used.
 */
export function toTriggerRepo(repository: WebhookRepository): TriggerRepo {
  return {
    id: repository.id,
    owner: repository.owner.login,
    name: repository.name,
    fullName: repository.full_name,
    defaultBranch: repository.default_branch,
  };
}

/** Names the first field that did not match, like `malformed issue_comment payload at comment.id: …`. */
export function malformedPayload(event: string, error: z.ZodError): IgnoredEvent {
  const issue = error.issues[0];
  const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
  const field = issue === undefined || issue.path.length === 0 ? '(root)' : issue.path.join('.');
  return { ...ignored(`malformed ${event} payload${where}: ${issue?.message ?? 'invalid'}`), unusable: { field } };
}

export function noInstallation(): IgnoredEvent {
  return ignored('event has no installation; it did not come through the GitHub App');
}
