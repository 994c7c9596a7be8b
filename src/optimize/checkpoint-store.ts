import type { PipelineState } from '../pipeline/pipeline-state.ts';

/**
 * Where the runner keeps the checkpoint of each `/perf optimize` run, saved after every phase so a killed
 * process resumes at the phase that was in progress. One value per run id, replaced whole on every save:
 * an adapter needs nothing but "get" and "set" (a JSON file for the CLI, a Redis key for the worker).
 */
export interface CheckpointStore {
  /** The last saved state of the run, validated; null when the run was never saved. */
  load(runId: string): Promise<PipelineState | null>;
  /** Replaces the run's checkpoint atomically: a reader sees the old or the new state, never a mix. */
  save(state: PipelineState): Promise<void>;
}
