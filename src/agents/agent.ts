import type { Reviewer } from '../config/review-config.ts';
import type { AnalyzerOutput, OptimizerOutput, ReviewerOutput } from './agent-output.ts';

/** The jobs an agent does in `/perf optimize`. */
export const AGENT_ROLES = ['analyzer', 'optimizer', 'reviewer'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

/** What each role returns on success. */
export interface AgentOutputByRole {
  analyzer: AnalyzerOutput;
  optimizer: OptimizerOutput;
  reviewer: ReviewerOutput;
}

/** One task for an agent. */
export interface AgentRequest<R extends AgentRole = AgentRole> {
  role: R;
  /** Which review to do; required when `role` is `reviewer`. */
  reviewer?: Reviewer;
  /** The worktree the agent works in (and, for the optimizer, edits). */
  cwd: string;
  /** The rendered prompt (see `renderPrompt`). */
  prompt: string;
  /** The job's signal: aborting kills the agent's whole process tree. */
  signal?: AbortSignal;
}

/** A run that produced a valid result. */
export interface AgentSuccess<R extends AgentRole = AgentRole> {
  ok: true;
  output: AgentOutputByRole[R];
  /** 1, or 2 when the first attempt's output was missing or invalid. */
  attempts: number;
  durationMs: number;
  /** Total over all attempts, when the agent reports its cost. */
  costUsd?: number;
  /** What the agent printed (stdout and stderr of every attempt), redacted. */
  transcript: string;
}

/** A run that failed: no valid output after the retry, timeout, abort, over budget, or could not start. */
export interface AgentFailure {
  ok: false;
  /** One sentence for the run report, e.g. `timed out after 20 minutes`. Redacted. */
  error: string;
  attempts: number;
  durationMs: number;
  costUsd?: number;
  transcript: string;
}

export type AgentResult<R extends AgentRole = AgentRole> = AgentSuccess<R> | AgentFailure;

/**
 * The port the optimize phases use to run an AI coding agent (analyzer, optimizer, reviewers). Adapters
 * (Claude Code, Codex, Aider, a plain command) all follow one process protocol, see `runAgentProcess`.
 * `run` never throws for an agent's failure: it returns `{ ok: false }`.
 */
export interface Agent {
  /** The operator's name for it (`claude`, `scripted`…), as in the operator config. */
  readonly name: string;
  /** The adapter type (`claude-code`, `codex`, `aider`, `command`). */
  readonly type: string;
  run<R extends AgentRole>(request: AgentRequest<R>): Promise<AgentResult<R>>;
}
