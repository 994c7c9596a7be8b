import type { Phase } from '../domain/phase-names.ts';
import type { PipelineProgress } from '../optimize/run-pipeline.ts';
import type { PipelineState } from '../pipeline/pipeline-state.ts';
import type { RunPhaseState } from '../reports/run-phases.ts';
import type { StatusComment } from './status-comment.ts';

/** Phases whose detail names the iteration they work on. */
const ITERATION_PHASES: ReadonlySet<Phase> = new Set([
  'analyze',
  'optimize',
  'verify',
  'review',
  'confirm',
  'commit',
  'monitor',
]);

/**
 * The optimize pipeline's progress on the status comment's checklist: a resumed run shows its finished phases
 * with the checkpoint's times, a phase that starts is edited in at once (with its iteration), a finished one
 * keeps its outcome as detail.
 */
export function trackPipeline(
  status: StatusComment,
  event: PipelineProgress,
  maxIterations: number,
  now: number,
): void {
  const { tracker } = status;
  if (event.kind === 'resumed') restoreFromHistory(status, event.state);
  if (event.kind === 'phase-started') {
    const { phase, state } = event;
    const upcoming = phase === 'analyze' || phase === 'optimize' ? state.iteration + 1 : state.iteration;
    tracker.start(
      phase,
      ITERATION_PHASES.has(phase) ? `iteration ${Math.min(upcoming, maxIterations)} of ${maxIterations}` : undefined,
    );
    status.show();
  }
  if (event.kind === 'phase-finished') {
    const entry = tracker.phases.find((phase) => phase.name === event.phase);
    if (entry) {
      entry.state = stateAfter(event.transition.stop?.kind);
      entry.endedAt = now;
      entry.detail = event.transition.outcome;
    }
  }
}

/** The pipeline is done: COMPLETE ran, phases that never ran are skipped, the phase it stopped at says how. */
export function completePipeline(status: StatusComment, state: PipelineState): void {
  status.tracker.start('complete');
  status.tracker.complete();
  if (state.stop === undefined) return;
  const stopped = status.tracker.phases.find((phase) => phase.name === state.stop?.phase);
  if (stopped) stopped.state = stateAfter(state.stop.kind);
}

/** A stopped phase: failed or cancelled as such; a run that stopped at a limit or with nothing to do ran it fully. */
function stateAfter(kind: NonNullable<PipelineState['stop']>['kind'] | undefined): RunPhaseState {
  if (kind === 'failed' || kind === 'ci-timeout') return 'failed';
  if (kind === 'cancelled') return 'cancelled';
  return 'done';
}

/** A resumed run shows its finished phases as done, with the times the checkpoint recorded. */
function restoreFromHistory(status: StatusComment, state: PipelineState): void {
  for (const entry of state.history) {
    const phase = status.tracker.phases.find((candidate) => candidate.name === entry.phase);
    if (phase === undefined) continue;
    phase.state = 'done';
    phase.startedAt ??= Date.parse(entry.startedAt);
    phase.endedAt = Date.parse(entry.endedAt);
    phase.detail = entry.outcome;
  }
}
