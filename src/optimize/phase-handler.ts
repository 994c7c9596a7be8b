import type { Phase } from '../domain/phase-names.ts';
import type { PhaseOutcome } from '../pipeline/phase-outcome.ts';
import type { PipelineState } from '../pipeline/pipeline-state.ts';
import type { OptimizeContext } from './optimize-context.ts';

/** What a phase handler returns: the outcome for `nextPhase`, plus what goes into the history entry. */
export interface PhaseReport {
  outcome: PhaseOutcome;
  /** Agent spend of the phase, in US dollars. */
  costUsd?: number;
  /** Detail for the history (e.g. which files were rejected). */
  note?: string;
}

/**
 * One phase of `/perf optimize`: reads the checkpoint, does its work, writes its artifacts, and returns its
 * outcome as data; the runner decides where to go next. Must be safe to repeat: after a crash the runner runs
 * the interrupted phase again from the same checkpoint. May throw: the runner turns an exception into a
 * failed (or, when the signal fired, cancelled) outcome.
 */
export type PhaseHandler = (ctx: OptimizeContext, state: PipelineState) => Promise<PhaseReport>;

export type PhaseHandlers = Record<Phase, PhaseHandler>;
