import type { AckStore } from '../acks/ack-store.ts';
import type { OperatorConfig } from '../agents/operator-config.ts';
import type { CalibrationStore } from '../calibration/calibration-store.ts';
import type { MachineFingerprint } from '../calibration/machine-fingerprint.ts';
import type { GitHubClient } from '../github/github-client.ts';
import type { TokenIssuer, TokenPermissions } from '../github/token-issuer.ts';
import type { CheckpointStore } from '../optimize/checkpoint-store.ts';
import type { RunFileStore } from '../optimize/run-files.ts';
import type { RunJobData } from '../queue/run-job-data.ts';
import type { RunUntrusted } from '../sandbox/sandbox.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { StatusCommentStore } from './status-comment-store.ts';

/** Git credentials for one fetch or push: a just-minted installation token. */
export type GitCredentials = () => Promise<{ username: string; password: string }>;

/**
 * Everything the run jobs need from the process, built once by the composition root and shared by every job
 * and every run kind: adapters and settings, no per-job state.
 */
export type RunDeps = BenchRunDeps & OptimizeRunDeps;

/** What every run kind needs (see `openRun`). */
export interface SharedRunDeps {
  /** `extra` widens the reporting token (see `createGitHubFactory`): opening the pull request needs pull_requests write. */
  githubFor: (installationId: number, repoId: number, extra?: TokenPermissions) => Promise<GitHubClient>;
  tokens: TokenIssuer;
  /** A workspace for the repository whose git credentials come from `credentials` (fresh token per fetch). */
  createWorkspace: (cloneUrl: string, credentials: GitCredentials) => Workspace;
  /** The sandbox's runner: every benchmark, setup, test and agent process goes through it. */
  runProcess: RunUntrusted;
  /** The sandbox's sentence for the reports' "How we measured". */
  isolation?: string;
  /** The operator's environment: agents get their listed keys from it, benchmarks an allow-listed part. */
  processEnv: NodeJS.ProcessEnv;
  now: () => number;
  seed: () => number;
  /** Least time between two progress edits of the status comment (phase changes are shown at once). */
  progressEveryMs?: number;
  /** Logs a problem that does not fail the run. */
  warn?: (message: string, details: Record<string, unknown>) => void;
}

/** What `/perf bench` and `/perf calibrate` need besides. */
export interface BenchRunDeps extends SharedRunDeps {
  /** Remembers each pull request's latest bench status comment, so the previous one is marked outdated. */
  statusComments: StatusCommentStore;
  /** Where a gate failure is left for `/perf ack`, and earlier acks are read for the report; best effort. */
  acks?: AckStore;
  /** This repository's calibrations, and this worker's machine: a calibration of this machine plans the pairs. */
  calibrations: CalibrationStore;
  fingerprint: MachineFingerprint;
}

/** What `/perf optimize` needs besides. */
export interface OptimizeRunDeps extends SharedRunDeps {
  /** Checkpoints by run id (`createRedisCheckpointStore`); the run id comes from the job id, so a requeued job resumes. */
  checkpoints: CheckpointStore;
  /** The operator's agents (PERFBOT_CONFIG); undefined when none are configured. */
  operatorConfig: OperatorConfig | undefined;
  /** Where each optimize run keeps its durable files (`<runsDir>/<task>`: artifacts, patches, trusted repository). */
  runsDir: string;
  /**
   * Where the run files live when not only on this worker's disk (`createRedisRunFileStore`): given the run id and
   * its local folder. Removed once the run has ended for good. Default: the local folder alone.
   */
  runFileStore?: (runId: string, localDir: string) => RunFileStore & { remove(): Promise<void> };
  /** Longest time between two looks at CI while the job is parked (default 30 s; tests pass a short one). */
  ciPollIntervalMs?: number;
  ciNoChecksGraceMs?: number;
  /** Wall-clock budget of one optimize activation, in minutes. */
  budgetMinutes?: number;
  /** Domain of the requester's no-reply address: `users.noreply.github.com`, or `users.noreply.<GHE_HOST>`. */
  noreplyDomain?: string;
}

/**
 * One activation of a run job as the run jobs see it: BullMQ's `Job` fits as it is, so the composition root
 * passes it through.
 */
export interface RunJob {
  id?: string | undefined;
  data: RunJobData;
  /**
   * Which attempt this is (BullMQ's `attemptsStarted`). Part of a bench's worktree names, so a retry never checks
   * out where an earlier attempt's processes (a frozen worker's) may still be; start-up prune removes those.
   */
  attemptsStarted: number;
  /** Publishes the current phase for `/perf status`. */
  updateProgress(progress: { phase: string; startedAt: string; detail?: string | undefined }): Promise<unknown>;
}
