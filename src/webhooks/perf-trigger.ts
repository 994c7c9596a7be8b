import type { InvalidPerfCommand, PerfCommand } from './perf-command.ts';

/** The repository an event came from (for pull requests: the base repository). */
export interface TriggerRepo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
}

/**
 * Where the command was given. `headSha` is the pull request's head when the event carried it (label events):
 * the commit the labeler saw, to pin against a later push. Comment events do not carry it.
 */
export type TriggerTarget = { type: 'pull'; number: number; headSha?: string } | { type: 'issue'; number: number };

/** Who asked: the comment's author or the labeler. Authorize by `id`; logins can be renamed and reused. */
export interface TriggerActor {
  login: string;
  id: number;
}

interface TriggerCommon {
  repo: TriggerRepo;
  installationId: number;
  target: TriggerTarget;
  actor: TriggerActor;
  /** What to do, or why not (reply with the error and the usage, after authorizing the actor). */
  command: PerfCommand | InvalidPerfCommand;
}

/**
 * A webhook event translated into a request for Perfbot. Not yet authorized: the handler must check the actor's
 * permission before replying or enqueueing anything.
 */
export type PerfTrigger =
  | (TriggerCommon & {
      source: 'comment';
      commentId: number;
      /** The comment's `created_at`: `/perf ack` accepts only a result that existed when it was written. */
      commentedAt: string;
      /** The command line as written; untrusted, escape before echoing. */
      line: string;
    })
  | (TriggerCommon & { source: 'label'; labelName: string });

/** An event that is not for Perfbot, and why (for a debug log line, never shown to users). */
export interface IgnoredEvent {
  ignored: string;
  /**
   * Set when the payload itself could not be read (a field missing or of the wrong shape): such an event must
   * not vanish — it is logged, counted and, where a user typed a command, answered. `field` is the first field
   * that did not match (`comment.id`), or `action`; a bounded label for metrics.
   */
  unusable?: { field: string };
}

/** How an installation of Perfbot is set up, as far as turning events into triggers goes. */
export interface PerfTriggerOptions {
  /** Label names that start a run (compared case-insensitively, as GitHub does). */
  labels: { bench: string; optimize: string };
  /** The app's own login (`perfbot[bot]`), so its own comments never trigger it, whatever type GitHub reports. */
  botLogin?: string;
}
