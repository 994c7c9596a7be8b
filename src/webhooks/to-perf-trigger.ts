import { z } from 'zod';
import { commentToPerfTrigger } from './comment-to-perf-trigger.ts';
import { issueLabelToPerfTrigger, pullRequestLabelToPerfTrigger } from './label-to-perf-trigger.ts';
import type { IgnoredEvent, PerfTrigger, PerfTriggerOptions } from './perf-trigger.ts';
import { ignored } from './webhook-event-checks.ts';

/** The one action per event that can start a run: new comments (never edits) and added labels. */
const TRIGGER_ACTIONS: Readonly<Record<string, string>> = {
  issue_comment: 'created',
  pull_request: 'labeled',
  issues: 'labeled',
};

const WithAction = z.object({ action: z.string() });

/**
 * Translates a webhook event (`name` is the `X-GitHub-Event` header, e.g. `issue_comment`) into a
 * {@link PerfTrigger}, or says why it is not one. Pure: no API calls and no authorization; the handler checks
 * the actor's permission next, before replying or enqueueing.
 *
 * Ignored: other events and actions (edited or deleted comments, unlabeled…), events without an installation,
 * anything by a bot or by this app, comments without a `/perf` line, labels that are not ours, and the bench
 * label on an issue. Comments work on pull requests; on a plain issue only `/perf status`, `cancel` and `help`
 * do, while `bench` and `optimize` become invalid with a hint (an issue has nothing to benchmark; the optimize
 * label on an issue optimizes the default branch). Labels become commands with default settings.
 */
export function toPerfTrigger(
  event: { name: string; payload: unknown },
  options: PerfTriggerOptions,
): PerfTrigger | IgnoredEvent {
  const { name, payload } = event;
  const wanted = Object.hasOwn(TRIGGER_ACTIONS, name) ? TRIGGER_ACTIONS[name] : undefined;
  if (wanted === undefined) return ignored(`event ${JSON.stringify(name)} is not a perf trigger`);
  const action = WithAction.safeParse(payload);
  if (!action.success) return { ...ignored(`${name} event has no action`), unusable: { field: 'action' } };
  if (action.data.action !== wanted) {
    const got = JSON.stringify(action.data.action);
    return ignored(`${name} action ${got} is ignored; only ${JSON.stringify(wanted)} triggers a run`);
  }
  if (name === 'issue_comment') return commentToPerfTrigger(payload, options);
  if (name === 'pull_request') return pullRequestLabelToPerfTrigger(payload, options);
  return issueLabelToPerfTrigger(payload, options);
}
