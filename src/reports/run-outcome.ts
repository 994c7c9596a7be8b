import type { BenchReport } from '../benchmark/bench-report.ts';
import type { RunFailure } from './failure/run-failure.ts';

/**
 * How a run ended, as the status comment and the check run show it:
 * - `report`: it finished and produced a benchmark report;
 * - `failed`: a phase failed (see {@link RunFailure});
 * - `cancelled`: `/perf cancel`, by `by` when known;
 * - `head-moved`: new commits were pushed after the command was accepted, so the pinned head is stale.
 * (A newer command does not stop a running run: `supersede-older-runs.ts` removes only queued ones.)
 */
export type RunOutcome =
  | { type: 'report'; report: BenchReport }
  | { type: 'failed'; failure: RunFailure }
  | { type: 'cancelled'; by?: string }
  | { type: 'head-moved'; pinned: string; current: string };
