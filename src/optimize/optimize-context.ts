import type { Agent } from '../agents/agent.ts';
import type { PromptBase } from '../agents/prompt-variables.ts';
import type { RunUntrusted } from '../sandbox/sandbox.ts';
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
  /** `--max-regression N%` / `--max-memory N%` as fractions, when the command gave them (see `tradeoffsOf`). */
  tradeoffOverrides?: { maxRegression?: number; maxMemory?: number };
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
  /**
   * `Co-Authored-By` trailers of the commit, `Name <email>`: the agent's (`coAuthor` in the operator config) and the
   * requester's (their GitHub no-reply address), where known.
   */
  coAuthors?: readonly string[];
  /** The sandbox's runner: every command from the repository or the agent goes through it. */
  runProcess: RunUntrusted;
  /** The sandbox's description, for the "How we measured" of VERIFY's reports. */
  isolation?: string;
  /** The allow-listed environment of benchmark and test processes (`buildChildEnv`). */
  childEnv: Record<string, string>;
  /** Seed of the engine's run order; each VERIFY adds its iteration so orders differ between iterations. */
  seed: number;
  testTimeoutMs: number;
  /** The phase's signal: the run's cancellation, shutdown and time budget together (set by the runner). */
  signal: AbortSignal;
  now: () => Date;
  /** Monotonic milliseconds for the engine's time budget (`performance.now`). */
  monotonicMs: () => number;
}
