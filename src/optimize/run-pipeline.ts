import { applyTransition } from '../pipeline/apply-transition.ts';
import { nextPhase } from '../pipeline/next-phase.ts';
import type { Phase } from '../domain/phase-names.ts';
import type { Transition } from '../pipeline/phase-outcome.ts';
import type { PipelineState } from '../pipeline/pipeline-state.ts';
import { SuspendRunError } from '../domain/errors.ts';
import { abortedBy } from './agent-failure-report.ts';
import type { CheckpointStore } from './checkpoint-store.ts';
import type { OptimizeContext } from './optimize-context.ts';
import type { PhaseHandlers, PhaseReport } from './phase-handler.ts';
import { PHASE_HANDLERS } from './phase-handlers/phase-handlers.ts';

/** What the runner reports while it works (the CLI prints it; the worker will update the status comment). */
export type PipelineProgress =
  | { kind: 'started' | 'resumed'; state: PipelineState }
  | { kind: 'phase-started'; phase: Phase; state: PipelineState }
  | { kind: 'phase-finished'; phase: Phase; transition: Transition; state: PipelineState };

export interface RunPipelineOptions {
  /** The run's dependencies; the runner adds each phase's `signal`. */
  ctx: Omit<OptimizeContext, 'signal'>;
  store: CheckpointStore;
  /** Where a run the store does not know starts (see `initialPipelineState`); its `runId` names the run. */
  initialState: PipelineState;
  /** Default: `PHASE_HANDLERS`. Tests may wrap them. */
  handlers?: PhaseHandlers;
  /** Cancels the run (`/perf cancel`): the phase in progress ends as cancelled, COMPLETE writes the report. */
  cancelSignal?: AbortSignal;
  /**
   * Stops the process, not the run (shutdown, Ctrl-C): the phase in progress is abandoned without being
   * recorded, so the checkpoint still points at it and the next run with the same id repeats it.
   */
  shutdownSignal?: AbortSignal;
  /** Wall-clock budget of this invocation (epoch ms): at the deadline the phase in progress is cancelled. */
  deadline?: number;
  onProgress?: (event: PipelineProgress) => void;
}

export interface PipelineRun {
  state: PipelineState;
  /** True when the shutdown signal stopped the runner before `done`; the checkpoint allows a resume. */
  interrupted: boolean;
}

/** The reason the budget aborts with; phases report it as who cancelled (`cancelled by … during verify`). */
const BUDGET_REASON = 'the wall-clock budget';

/**
 * Runs `/perf optimize` as a persisted state machine: load the checkpoint (or start from `initialState`), then
 * until `done`: run the phase's handler → `nextPhase` → `applyTransition` → save → report progress. A
 * process killed at any point resumes by running at most the phase that was in progress again, which every
 * handler is written to allow. An exception in a handler is a failed phase (cancelled when its signal
 * fired), which `nextPhase` turns into a stop; COMPLETE then still runs, without the budget, so the final
 * report is always written. A handler that throws `SuspendRunError` (MONITOR while CI is pending) ends this
 * invocation: the checkpoint is saved as it is, with `waitingSince`, and the error rethrown for the worker to
 * park the job; the next invocation repeats the phase.
 */
export async function runPipeline(options: RunPipelineOptions): Promise<PipelineRun> {
  const { ctx, store } = options;
  const handlers = options.handlers ?? PHASE_HANDLERS;
  let state = await store.load(options.initialState.runId);
  if (state === null) {
    state = options.initialState;
    await store.save(state);
    options.onProgress?.({ kind: 'started', state });
  } else {
    options.onProgress?.({ kind: 'resumed', state });
  }
  while (state.phase !== 'done') {
    if (options.shutdownSignal?.aborted) return { state, interrupted: true };
    const phase: Phase = state.phase;
    options.onProgress?.({ kind: 'phase-started', phase, state });
    const startedAt = ctx.now().toISOString();
    let report: PhaseReport;
    try {
      report = await runPhase(options, handlers, phase, state);
    } catch (error) {
      if (!(error instanceof SuspendRunError)) throw error;
      // Parked, not finished: the checkpoint still points at this phase and remembers when the wait began.
      if (state.waitingSince === undefined) await store.save({ ...state, waitingSince: startedAt });
      throw error;
    }
    if (options.shutdownSignal?.aborted) return { state, interrupted: true };
    const transition = nextPhase(state, report.outcome, ctx.limits);
    const record = { startedAt: state.waitingSince ?? startedAt, endedAt: ctx.now().toISOString(), ...pick(report) };
    const { waitingSince: _waited, ...finished } = applyTransition(state, transition, record);
    state = finished;
    await store.save(state);
    options.onProgress?.({ kind: 'phase-finished', phase, transition, state });
  }
  return { state, interrupted: false };
}

async function runPhase(
  options: RunPipelineOptions,
  handlers: PhaseHandlers,
  phase: Phase,
  state: PipelineState,
): Promise<PhaseReport> {
  const budget = new AbortController();
  const remaining = options.deadline === undefined ? Number.POSITIVE_INFINITY : options.deadline - Date.now();
  const timer = Number.isFinite(remaining)
    ? setTimeout(() => budget.abort(BUDGET_REASON), Math.max(0, remaining))
    : undefined;
  // COMPLETE writes the report of a cancelled or over-budget run, so only a shutdown may stop it.
  const sources =
    phase === 'complete' ? [options.shutdownSignal] : [options.cancelSignal, options.shutdownSignal, budget.signal];
  const signal = AbortSignal.any(sources.filter((source): source is AbortSignal => source !== undefined));
  if (remaining <= 0 && phase !== 'complete') budget.abort(BUDGET_REASON);
  try {
    if (signal.aborted) return { outcome: { cancelled: true, ...abortedBy(signal) } };
    return await handlers[phase]({ ...options.ctx, signal }, state);
  } catch (error) {
    if (signal.aborted) return { outcome: { cancelled: true, ...abortedBy(signal) } };
    if (error instanceof SuspendRunError) throw error;
    return { outcome: { failed: true, reason: error instanceof Error ? error.message : String(error) } };
  } finally {
    clearTimeout(timer);
  }
}

function pick(report: PhaseReport): { costUsd?: number; note?: string } {
  return {
    ...(report.costUsd === undefined ? {} : { costUsd: report.costUsd }),
    ...(report.note === undefined ? {} : { note: report.note }),
  };
}
