import type { Transition } from './phase-outcome.ts';
import type { PipelineState } from './pipeline-state.ts';

/** What the runner measured around the phase: its clock readings and the agent spend it added. */
export interface PhaseRecord {
  startedAt: string;
  endedAt: string;
  /** Agent cost of this phase, in US dollars. */
  costUsd?: number;
  /** Detail for the history entry (the phase's); the transition's own note, if any, follows it. */
  note?: string;
}

/**
 * The checkpoint after a phase: the transition's updates applied, the phase appended to the history,
 * the position moved on. Fields cleared by the transition are removed, so the result is plain JSON.
 */
export function applyTransition(state: PipelineState, transition: Transition, record: PhaseRecord): PipelineState {
  const next: Record<string, unknown> = { ...state, ...transition.updates };
  for (const [key, value] of Object.entries(next)) if (value === undefined) delete next[key];
  const entry: PipelineState['history'][number] = {
    phase: transition.from,
    iteration: (next['iteration'] as number | undefined) ?? state.iteration,
    outcome: transition.outcome,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
  };
  const notes = [record.note, transition.note].filter((part): part is string => part !== undefined && part !== '');
  if (notes.length > 0) entry.note = notes.join('; ');
  return {
    ...(next as PipelineState),
    phase: transition.phase,
    history: [...state.history, entry],
    costUsd: state.costUsd + (record.costUsd ?? 0),
  };
}
