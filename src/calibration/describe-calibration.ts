import type { CalibrationMethod } from '../benchmark/bench-report.ts';
import { minimumDetectableEffect } from '../benchmark/stats/minimum-detectable-effect.ts';
import type { BenchmarkNoise, Calibration } from './calibration.ts';

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
