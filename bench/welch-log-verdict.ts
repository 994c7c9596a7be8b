import { mean, sampleStandardDeviation } from '../src/benchmark/stats/descriptive-statistics.ts';
import { decideVerdict } from '../src/benchmark/stats/decide-verdict.ts';
import type { Verdict } from '../src/benchmark/stats/metric-comparison.ts';
import { studentTQuantile, studentTTwoSidedP } from '../src/benchmark/stats/student-t-distribution.ts';

export interface WelchLogOptions {
  alpha: number;
  confidence: number;
  noiseBand: number;
  /** Level of the equivalence CI behind `unchanged` (1 − 2·equivalenceAlpha), as in the engine. */
  equivalenceAlpha: number;
}

export interface WelchLogResult {
  /** head/base − 1 from the difference of mean log times (a ratio of geometric means). */
  change: number;
  ci: [number, number];
  p: number;
  df: number;
  verdict: Verdict;
}

/**
 * The unpaired baseline: Welch's t-test on log times of two independent samples (hyperfine-style blocks),
 * with the same verdict rule as the engine (p < alpha and the CI beyond ±noiseBand; TOST for `unchanged`).
 */
export function welchLogVerdict(
  base: readonly number[],
  head: readonly number[],
  options: WelchLogOptions,
): WelchLogResult {
  const logBase = base.map(Math.log);
  const logHead = head.map(Math.log);
  const v1 = sampleStandardDeviation(logBase) ** 2 / logBase.length;
  const v2 = sampleStandardDeviation(logHead) ** 2 / logHead.length;
  const estimate = mean(logHead) - mean(logBase);
  const se = Math.sqrt(v1 + v2);
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (logBase.length - 1) + v2 ** 2 / (logHead.length - 1));
  const p = se === 0 ? (estimate === 0 ? 1 : 0) : studentTTwoSidedP(estimate / se, df);
  const interval = (level: number): [number, number] => {
    const half = se === 0 ? 0 : studentTQuantile((1 + level) / 2, df) * se;
    return [Math.expm1(estimate - half), Math.expm1(estimate + half)];
  };
  const ci = interval(options.confidence);
  const verdict = decideVerdict(
    { p, ci, equivalenceCi: interval(1 - 2 * options.equivalenceAlpha) },
    { lowerIsBetter: true, noiseBand: options.noiseBand, alpha: options.alpha },
  );
  return { change: Math.expm1(estimate), ci, p, df, verdict };
}
