import { z } from 'zod';
import type { CalibrationMethod } from './bench-report.ts';
import { WHOLE_RUN } from './observation.ts';
import { minimumDetectableEffect } from './stats/minimum-detectable-effect.ts';

// A repository's noise calibration as the engine uses it: the record (what an A/A run measured), the noise that
// decides a run's length, the pairs a band needs, and what the report says about it. Producing and storing a
// calibration (the A/A run, the stores, the machine fingerprint) is `src/calibration/`'s; the engine only reads one.

/** One benchmark metric's paired noise on one machine: the SD of per-pair log-ratios of an A/A run. */
export const BenchmarkNoise = z.object({
  benchmark: z.string(),
  metric: z.string(),
  noise: z.number().nonnegative(),
  pairs: z.int().positive(),
});
export type BenchmarkNoise = z.infer<typeof BenchmarkNoise>;

/**
 * An A/A run's noise per benchmark metric, for one repository (`repo`: `owner/name`, or the local path in the
 * CLI) on one machine fingerprint. Parsed when read back: a record that does not parse counts as none.
 */
export const Calibration = z.object({
  repo: z.string(),
  /** The commit measured against itself. */
  sha: z.string(),
  fingerprint: z.string(),
  machine: z.string(),
  /** ISO date of the measurement. */
  measuredAt: z.string(),
  benchmarks: z.array(BenchmarkNoise),
});
export type Calibration = z.infer<typeof Calibration>;

/**
 * The noise that decides how many pairs a run needs: the largest among the metrics that decide when it stops
 * (the whole run's instructions when counted; else each parsed benchmark's time, else the whole run's time),
 * since the run stops only when all of them are decided. Null when the calibration has none of them.
 */
export function primaryNoise(calibration: Calibration, counting: boolean): BenchmarkNoise | null {
  const { benchmarks } = calibration;
  const metric = counting ? 'instructions' : 'time';
  const parsed = benchmarks.filter((b) => b.benchmark !== WHOLE_RUN && b.metric === metric);
  const candidates =
    counting || parsed.length === 0
      ? benchmarks.filter((b) => b.benchmark === WHOLE_RUN && b.metric === metric)
      : parsed;
  return candidates.reduce<BenchmarkNoise | null>(
    (worst, b) => (worst === null || b.noise > worst.noise ? b : worst),
    null,
  );
}

/** Past this, a band is out of reach on this machine whatever the budget. */
const MOST_PAIRS = 100_000;

/**
 * The fewest pairs whose minimum detectable effect (paired t, 80% power, two-sided `alpha`) is within
 * `noiseBand`: how long a run must be for a change as large as the band to be found. Infinity past 100 000.
 */
export function pairsToResolve(noise: number, noiseBand: number, alpha: number): number {
  if (noise === 0) return 3;
  if (!(noiseBand > 0)) return Infinity;
  const fits = (n: number) => minimumDetectableEffect(noise, n, alpha) <= noiseBand;
  if (!fits(MOST_PAIRS)) return Infinity;
  let lo = 2;
  let hi = MOST_PAIRS;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return Math.max(3, hi);
}

export interface CalibrationUse {
  calibration: Calibration;
  /** The decisive metric's noise (`primaryNoise`), and the pairs its band needs (`pairsToResolve`). */
  noise: BenchmarkNoise;
  neededPairs: number;
  /** The run's planned looks, its noise band (fraction) and 1 − confidence. */
  looks: readonly number[];
  noiseBand: number;
  alpha: number;
}

/**
 * What the calibration says about a run, for "How we measured" — and the warning when its noise band is finer
 * than its planned pairs (or any number of pairs) can resolve on this machine.
 */
export function describeCalibration(use: CalibrationUse): { method: CalibrationMethod; warning?: string } {
  const { calibration, noise, neededPairs, looks, noiseBand, alpha } = use;
  const plannedPairs = looks[looks.length - 1] ?? 0;
  const method: CalibrationMethod = {
    measuredAt: calibration.measuredAt,
    machine: calibration.machine,
    benchmark: noise.benchmark,
    metric: noise.metric,
    noise: noise.noise,
    neededPairs: Number.isFinite(neededPairs) ? neededPairs : null,
    plannedPairs,
    detectable: plannedPairs >= 2 ? minimumDetectableEffect(noise.noise, plannedPairs, alpha) : Infinity,
  };
  const band = `thresholds.noise (±${percent(noiseBand)})`;
  const of = `${noise.benchmark} has a calibrated noise of ${percent(noise.noise)} per pair`;
  if (method.neededPairs === null)
    return { method, warning: `${band} is below what this machine can resolve at all: ${of}. Raise thresholds.noise` };
  if (method.neededPairs <= plannedPairs) return { method };
  return {
    method,
    warning: `${band} is below what this run can resolve on this machine: ${of}, so its ${plannedPairs} planned pairs detect changes of ±${percent(method.detectable)} (80% power) and a change the size of the band needs ${method.neededPairs} pairs. Raise thresholds.noise, or benchmark.timeBudgetSeconds / benchmark.runs.max`,
  };
}

/** 0.0213 → "2.1%" (warnings are plain text). */
function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
