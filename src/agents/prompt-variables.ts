import type { Reviewer } from '../config/review-config.ts';
import type { AgentRole } from './agent.ts';
import type { AnalyzerOutput, ReviewFinding } from './agent-output.ts';

/** What every prompt says about the run. Texts marked untrusted are sanitized and fenced by `renderPrompt`. */
export interface PromptBase {
  /** `owner/name`. */
  repository: string;
  /** The pull request or issue the run was requested on. Its title and body are untrusted. */
  subject: { kind: 'pull request' | 'issue'; number: number; title: string; body: string };
  /** The `/perf optimize` description given by the user. Untrusted. */
  focus?: string;
  /** The goals, one line each (e.g. ``"`parse/large`: at least 20% faster"``), rendered by Perfbot. */
  targets: readonly string[];
  /** The current figures as a Markdown table made by Perfbot (benchmark names come from the repository). */
  baselineTable: string;
  /** Globs of the files the optimizer may change (perf.yml `optimize.allowedPaths`). */
  allowedPaths: readonly string[];
}

/** One earlier optimize → verify round. */
export interface IterationRecord {
  iteration: number;
  /** The optimizer's summary of its change (agent-written, so treated as untrusted). */
  summary: string;
  /** What Perfbot measured and decided, e.g. `reverted: tests failed` or `kept: 23% faster`. */
  outcome: string;
}

/**
 * The CPU profile of the benchmark on the starting commit: Perfbot's summary (function names and paths come from
 * the repository, so untrusted), or one line saying why there is none.
 */
export type ProfileForPrompt = { status: 'taken'; text: string } | { status: 'missing'; reason: string };

export interface AnalyzerPromptVariables extends PromptBase {
  iterations: readonly IterationRecord[];
  profile: ProfileForPrompt;
  /** The CI checks that failed on the last pushed commit, with their output summaries. Untrusted. */
  ciFailures?: readonly { name: string; summary: string }[];
}

export interface OptimizerPromptVariables extends PromptBase {
  iterations: readonly IterationRecord[];
  analysis: AnalyzerOutput;
  /** Output of the repository's failing tests after the last change. Untrusted. */
  testFailures?: string;
  /** Blocking review findings on the last change. */
  findingsToFix?: readonly ReviewFinding[];
}

export interface ReviewerPromptVariables extends PromptBase {
  reviewer: Reviewer;
  /** The repository's main language (`mainLanguage`): the language reviewer reviews it by name. */
  language?: string;
  /** The proposed change as a unified diff. Untrusted. */
  diff: string;
  /** Before/after figures as a Markdown table made by Perfbot. */
  figures: string;
}

export interface PromptVariablesByRole {
  analyzer: AnalyzerPromptVariables;
  optimizer: OptimizerPromptVariables;
  reviewer: ReviewerPromptVariables;
}

export type PromptVariables<R extends AgentRole> = PromptVariablesByRole[R];
