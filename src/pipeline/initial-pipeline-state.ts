import type { PipelineState } from './pipeline-state.ts';
import type { PipelineTarget } from './pipeline-target.ts';

/** The state a new run starts from: at INIT, no iterations, nothing spent. */
export function initialPipelineState(options: {
  runId: string;
  branch: string;
  targets: readonly PipelineTarget[];
  startedAt: string;
}): PipelineState {
  return {
    version: 1,
    runId: options.runId,
    phase: 'init',
    iteration: 0,
    analyzeRounds: 0,
    reviewRounds: 0,
    ciRounds: 0,
    history: [],
    targets: [...options.targets],
    branch: options.branch,
    costUsd: 0,
    startedAt: options.startedAt,
  };
}
