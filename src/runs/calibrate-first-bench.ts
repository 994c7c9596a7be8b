import type { BenchSettings } from '../benchmark/bench-settings.ts';
import type { CompareRefsInput } from '../benchmark/compare-refs.ts';
import type { BenchSessionDeps } from '../benchmark/run-bench-session.ts';
import { calibrateCommit } from '../calibration/calibrate-commit.ts';
import type { Calibration } from '../benchmark/noise-calibration.ts';
import type { CalibrationStore } from '../calibration/calibration-store.ts';
import type { MachineFingerprint } from '../calibration/machine-fingerprint.ts';

/** Half of `/perf calibrate`'s pairs: enough to plan by, cheap enough to run unasked. */
export const FIRST_CALIBRATION_PAIRS = 10;

/** The share of the bench's time budget the calibration may take; the bench itself gets what is left. */
const BUDGET_SHARE = 0.25;

/** Fewer pairs than this (the budget cut the A/A run short) say too little about the noise to be kept. */
const LEAST_PAIRS = 6;

export interface FirstBenchInput extends Omit<CompareRefsInput, 'base' | 'head' | 'settings' | 'calibration'> {
  repo: string;
  /** The base commit: the one the repository's benchmarks run on most. */
  side: { ref: string; sha: string };
  settings: BenchSettings;
  store: CalibrationStore;
  fingerprint: MachineFingerprint;
  now: () => Date;
}

/**
 * A repository's first `/perf bench` on a machine without a calibration runs a short one first: the base commit
 * against itself, 10 pairs within a quarter of the time budget, stored like `/perf calibrate`'s. Skipped when
 * `runs: N` / `--runs N` pins the pairs (nothing to plan). Returns the calibration (null when skipped or cut too
 * short) and the time it took, which the caller takes off the bench's budget.
 */
export async function calibrateFirstBench(
  input: FirstBenchInput,
  deps: BenchSessionDeps,
): Promise<{ calibration: Calibration | null; spentMs: number }> {
  if (!input.settings.planByTime) return { calibration: null, spentMs: 0 };
  const { store, ...rest } = input;
  const started = deps.now();
  const settings = { ...input.settings, timeBudgetMs: input.settings.timeBudgetMs * BUDGET_SHARE };
  const { calibration } = await calibrateCommit({ ...rest, settings, pairs: FIRST_CALIBRATION_PAIRS }, deps);
  const spentMs = deps.now() - started;
  if (calibration.benchmarks.length === 0 || calibration.benchmarks.some((b) => b.pairs < LEAST_PAIRS))
    return { calibration: null, spentMs };
  // Best effort: the bench uses it either way; the next one measures again if it could not be kept.
  await store.save(calibration).catch(() => undefined);
  return { calibration, spentMs };
}
