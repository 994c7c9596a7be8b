import type { AckStore } from '../acks/ack-store.ts';
import type { GitHubClient } from '../github/github-client.ts';
import type { AgentListEntry } from '../reports/replies/render-agent-list.ts';
import type { DenialLimiter } from './denial-limiter.ts';
import type { CiNews } from './read-ci-news.ts';
import type { IntakeReply } from './render-intake-reply.ts';
import type { RunQueuePort } from './run-queue-port.ts';

// What the intake worker is given and what it decides: the types shared by `processIntakeEvent` and the helpers
// it calls for one kind of event (`answerUnreadableEvent`, `acknowledgeRegression`).

export interface IntakeDeps {
  /** A client for this installation, limited to this repository. */
  githubFor: (installationId: number, repoId: number) => Promise<GitHubClient>;
  runs: RunQueuePort;
  botLogin?: string;
  /** This app's id (`APP_ID`): `/perf ack` looks only at check runs this app created. */
  appId?: number;
  now: () => Date;
  /** The operator's agents, as checked at start, for `/perf help` and `/perf status`; omitted there when not given. */
  agents?: readonly AgentListEntry[];
  /** At most one denial reply per user per PR per hour; without it every denial is answered. */
  denials?: DenialLimiter;
  /** Gate failures of bench runs and `/perf ack`s; without it `/perf ack` answers that it is not set up. */
  acks?: AckStore;
  /** Passes CI news (`check_suite`/`check_run` deliveries) on: wakes the MONITOR phase waiting for the commit. */
  onCiNews?: (news: CiNews) => Promise<void>;
}

/** What intake decided, for logs and tests. */
export type IntakeOutcome =
  | { type: 'ignored'; reason: string }
  /** `replied: false` when the user was already told within the hour (see {@link DenialLimiter}). */
  | { type: 'denied'; actor: string; replied: boolean }
  | { type: 'replied'; reply: IntakeReply['type'] }
  | { type: 'queued'; jobId: string; superseded: string[] }
  | { type: 'duplicate'; jobId: string }
  | { type: 'ci-news'; sha: string; conclusion: string | null };
