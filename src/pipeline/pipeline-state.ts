import { z } from 'zod';
import { BenchSnapshot, VerifySnapshot } from './bench-snapshot.ts';
import { PHASES, PIPELINE_POSITIONS, type TerminalState } from '../domain/phase-names.ts';
import { PipelineTarget } from './pipeline-target.ts';
import { ConsolidatedFinding } from './review-finding.ts';

const count = z.int().min(0);
const timestamp = z.iso.datetime({ offset: true });

/** Why a run ended early. `phase` is where it stopped; `reason` is a sentence for the final report. */
export const STOP_KINDS = ['limit', 'nothing-to-do', 'failed', 'cancelled', 'ci-timeout'] as const;
export const StopInfo = z.strictObject({
  phase: z.enum(PHASES),
  kind: z.enum(STOP_KINDS),
  reason: z.string().min(1),
});
export type StopInfo = z.infer<typeof StopInfo>;

/** One finished phase. `outcome` is a short label (`tests failed`, `targets met`); `note` adds detail. */
export const HistoryEntry = z.strictObject({
  phase: z.enum(PHASES),
  /** The optimize iteration the phase belonged to (0 before the first OPTIMIZE). */
  iteration: count,
  outcome: z.string().min(1),
  startedAt: timestamp,
  endedAt: timestamp,
  note: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** A file the agent changed that the diff rules reject (see `validateDiff`). */
export const DiffViolation = z.strictObject({ path: z.string(), reason: z.string() });
export type DiffViolation = z.infer<typeof DiffViolation>;

/** A CI check that failed after the push, with a short summary of its output (untrusted text). */
export const CiFailure = z.strictObject({ name: z.string().min(1), summary: z.string() });
export type CiFailure = z.infer<typeof CiFailure>;

/**
 * The checkpoint of one `/perf optimize` run, saved after every phase so a killed worker resumes at `phase`.
 * Plain JSON (no dates, no NaN, no `undefined` values once written): `PipelineState.parse(JSON.parse(saved))`
 * gives back the same value.
 *
 * Counters count finished phases: `iteration` is the number of OPTIMIZE runs so far, whatever sent the loop
 * there (targets not met, failing tests, a blocking review, failed CI), so `optimize.maxIterations` bounds
 * every loop at once; there is no separate optimize counter because it would always equal `iteration`.
 * `analyzeRounds`, `reviewRounds` and `ciRounds` count ANALYZE runs, REVIEW runs and CI results seen.
 *
 * Feedback for the next OPTIMIZE (`testFailures`, `diffViolations`, `reviewFindings`, `ciFailures`) is set by
 * the phase that found it and cleared once it has been acted on; all of it is untrusted text.
 */
export const PipelineState = z.strictObject({
  version: z.literal(1),
  runId: z.string().min(1),
  /** The next phase to run; `done` after COMPLETE. */
  phase: z.enum(PIPELINE_POSITIONS),
  iteration: count,
  analyzeRounds: count,
  reviewRounds: count,
  ciRounds: count,
  history: z.array(HistoryEntry),
  /** BENCHMARK's measurement of the starting commit. */
  baseline: BenchSnapshot.optional(),
  /** The most recent VERIFY with benchmark results. */
  latest: VerifySnapshot.optional(),
  /** The VERIFY with passing tests and the largest headline improvement; reported when a run stops early. */
  best: VerifySnapshot.optional(),
  /**
   * CONFIRM's measurement of the change about to be committed: fresh trees, a new run order. The VERIFY that chose
   * the change is biased upward by that choice (the winner's curse); the commit, the PR and the final report quote
   * this one.
   */
  confirmed: VerifySnapshot.optional(),
  targets: z.array(PipelineTarget).min(1),
  /** The latest target evaluation's unmet explanations (plain text). */
  unmetTargets: z.array(z.string()).optional(),
  testFailures: z.string().optional(),
  diffViolations: z.array(DiffViolation).optional(),
  reviewFindings: z.array(ConsolidatedFinding).optional(),
  ciFailures: z.array(CiFailure).optional(),
  /**
   * SHA-256 (hex) of `change-<iteration>.patch` as the last OPTIMIZE validated and wrote it. Every later read of
   * the file (VERIFY, REVIEW, COMMIT, the next OPTIMIZE, rebuilding the worktree) must match it: the file lives
   * where untrusted code can write, the checkpoint does not.
   */
  patchSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /**
   * The iteration whose stored change the run now stands on, when it is not the latest: after a VERIFY that did
   * worse than the best change so far (or broke a trade-off), the run goes back to the best one (the ratchet), so
   * the next OPTIMIZE builds on it; `patchSha256` is then that change's. Cleared by the next OPTIMIZE.
   */
  changeIteration: z.int().min(0).optional(),
  commitSha: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .optional(),
  /** The worktree branch, `perf/<task>`; deterministic so a repeated INIT finds it again. */
  branch: z.string().min(1),
  pushed: z.boolean().optional(),
  prNumber: z.int().positive().optional(),
  stop: StopInfo.optional(),
  /** Agent spend so far, in US dollars. */
  costUsd: z.number().min(0),
  startedAt: timestamp,
  /**
   * Set while the phase in progress is suspended (MONITOR waiting for CI, see `SuspendRunError`): when it first
   * suspended, so its timeout spans activations. Cleared when the phase finishes.
   */
  waitingSince: timestamp.optional(),
});
export type PipelineState = z.infer<typeof PipelineState>;

/** How a finished run ended; undefined while phases are left to run. */
export function terminalState(state: Pick<PipelineState, 'phase' | 'stop'>): TerminalState | undefined {
  if (state.phase !== 'done') return undefined;
  return state.stop === undefined ? 'completed' : 'stopped';
}
