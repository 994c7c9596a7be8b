import type { BenchSnapshot, VerifySnapshot } from './bench-snapshot.ts';
import type { Phase, PipelinePosition } from '../domain/phase-names.ts';
import type { CiFailure, DiffViolation, PipelineState, StopInfo } from './pipeline-state.ts';
import type { ConsolidatedFinding } from './review-finding.ts';

/** What a phase that ran to its end reports, one shape per phase (`phase` must be the state's phase). */
export type PhaseResult =
  | { phase: 'init' }
  | { phase: 'benchmark'; baseline: BenchSnapshot }
  /** `nothing-to-do`: the analyzer found no opportunity worth an iteration. */
  | { phase: 'analyze'; result: 'plan' | 'nothing-to-do' }
  /**
   * `rejected`: the agent changed files the diff rules forbid; the phase discarded its changes. `patchSha256`:
   * the SHA-256 of the change the phase stored for its iteration (the previous one when rejected).
   */
  | { phase: 'optimize'; result: 'changed' | 'no-changes'; patchSha256: string }
  | { phase: 'optimize'; result: 'rejected'; violations: DiffViolation[]; patchSha256: string }
  | {
      phase: 'verify';
      /** `none`: the repository configures no test command, so nothing could fail. */
      tests: 'passed' | 'failed' | 'none';
      targetsMet: boolean;
      /** Explanations of the unmet targets (from `evaluateTargets`), plain text. */
      unmet?: string[];
      /**
       * The trade-offs the change broke (from `evaluateTradeoffs`), plain text, also listed in `unmet`. A change
       * goes to REVIEW only when `targetsMet` and none is broken.
       */
      tradeoffsBroken?: string[];
      /** Summary of the failing tests' output (untrusted), when `tests` is `failed`. */
      testFailures?: string;
      /** The benchmark run, when VERIFY got that far (it skips benchmarking when tests fail). */
      snapshot?: VerifySnapshot;
    }
  | { phase: 'review'; blocking: boolean; findings: ConsolidatedFinding[] }
  /** `unmet`: the targets or trade-offs the confirmation run no longer meets (plain text). */
  | { phase: 'confirm'; targetsMet: boolean; unmet?: string[]; snapshot: VerifySnapshot }
  /**
   * `pushed: false`: committed locally only (dry run), or posted as a patch (a fork's PR), so there is no CI to
   * watch. `label`: what the history says instead of `pushed` / `committed locally`.
   */
  | { phase: 'commit'; sha: string; pushed: boolean; prNumber?: number; label?: string }
  | { phase: 'monitor'; result: 'green' | 'failed' | 'timeout'; failures?: CiFailure[] }
  | { phase: 'complete' };

/** The phase could not do its work (agent crashed, benchmark broke…); `reason` is a sentence for the report. */
export interface PhaseFailed {
  failed: true;
  reason: string;
}

/** `/perf cancel` (or shutdown) arrived while the phase ran. */
export interface RunCancelled {
  cancelled: true;
  by?: string;
}

export type PhaseOutcome = PhaseResult | PhaseFailed | RunCancelled;

/** Bounds of the loops; see `nextPhase` for how each one is counted. */
export interface PipelineLimits {
  /** OPTIMIZE runs in total (`optimize.maxIterations`, or `--max-iter`). */
  maxIterations: number;
  /** CI results watched; a failure at the last one stops the run. */
  maxCiRounds: number;
  /** REVIEW runs; blocking findings at the last one stop the run. */
  maxReviewRounds: number;
}

/**
 * State fields a transition changes. A key present with the value `undefined` clears that field
 * (`applyTransition` removes it, so the checkpoint stays plain JSON).
 */
export type StateUpdates = Partial<
  Omit<PipelineState, 'version' | 'runId' | 'phase' | 'history' | 'targets' | 'branch' | 'startedAt' | 'costUsd'>
>;

/** The decision after one phase: where to go, whether the run stops, and what to record. */
export interface Transition {
  /** The phase that just finished. */
  from: Phase;
  phase: PipelinePosition;
  stop?: StopInfo;
  updates: StateUpdates;
  /** Short label of what happened, for the history (`tests failed`, `targets not met`). */
  outcome: string;
  /** Detail for the history entry, when the label is not enough. */
  note?: string;
}
