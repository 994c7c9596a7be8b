import type { Agent } from '../agents/agent.ts';
import type { PromptBase } from '../agents/prompt-variables.ts';
import type { ProcessOptions, ProcessResult } from '../benchmark/runner/run-process.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import type { PipelineLimits } from '../pipeline/phase-outcome.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { CiMonitor } from './ci-monitor.ts';
import type { CommitIdentity, TrustedRepo } from './create-trusted-repo.ts';
import type { TaskWorktree } from './create-task-worktree.ts';
import type { Publisher } from './publisher.ts';
import type { RunFiles } from './run-files.ts';

/**
 * Everything the phase handlers of one run receive: settings as data, side effects as ports. Built by the
 * composition root (the CLI command, later the worker); nothing here is module state, so runs can share a
 * process.
 */
export interface OptimizeContext {
  /** The run id, also the task: worktrees `<runId>`, `<runId>-base`, `<runId>-head`, branch `perf/<runId>`. */
  runId: string;
  /** perf.yml as read from the trusted side (never from the agent's changes). */
  config: RepoConfig;
  limits: PipelineLimits;
  maxIterationsSource: 'command' | 'perf.yml';
  /** The commit the optimization starts from; every comparison is against it. */
  start: { ref: string; sha: string };
  /** What the prompts say about the request. */
  request: Pick<PromptBase, 'repository' | 'subject' | 'focus'>;
  agent: Agent;
  workspace: Workspace;
  worktree: TaskWorktree;
  trusted: TrustedRepo;
  files: RunFiles;
  publisher: Publisher;
  /** Absent where nothing is pushed (the local CLI): MONITOR is then never reached. */
  ciMonitor?: CiMonitor;
  commitIdentity: CommitIdentity;
  runProcess: (options: ProcessOptions) => Promise<ProcessResult>;
  /** The allow-listed environment of benchmark and test processes (`buildChildEnv`). */
  childEnv: Record<string, string>;
  /** Seed of the engine's run order; each VERIFY adds its iteration so orders differ between iterations. */
  seed: number;
  testTimeoutMs: number;
  /** Reviewer agents running at once. */
  reviewConcurrency: number;
  /** The phase's signal: the run's cancellation, shutdown and time budget together (set by the runner). */
  signal: AbortSignal;
  now: () => Date;
  /** Monotonic milliseconds for the engine's time budget (`performance.now`). */
  monotonicMs: () => number;
}
