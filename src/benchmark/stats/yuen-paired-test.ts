import { mean, sampleStandardDeviation } from './descriptive-statistics.ts';
import { studentTQuantile, studentTTwoSidedP } from './student-t-distribution.ts';

/** Yuen's trimmed-mean t statistic for a one-sample (paired-difference) location test against 0. */
export interface YuenResult {
  /** The g-trimmed mean of the differences. */
  estimate: number;
  /** Standard error: s_winsorized / ((1 − 2g)·√n). */
  se: number;
  /** Degrees of freedom: n − 2⌊gn⌋ − 1. */
  df: number;
  t: number;
  /** Two-sided p-value. */
  p: number;
}

/**
 * Yuen's trimmed paired t-test on paired differences (here: per-pair log-ratios), as in Wilcox's
 * `trimci`. Trimming 20% from each side makes it robust to outlier runs, and unlike rank tests it
 * has no small-n floor on the p-value, so it can pass early sequential boundaries.
 *
 * When the winsorized SD is 0 (e.g. identical instruction counts) the test is degenerate: p = 1 if
 * the estimate is 0, else p = 0 (a constant, non-zero shift is as certain as data can make it).
 */
export function yuenPairedTest(differences: readonly number[], trim = 0.2): YuenResult {
  const n = differences.length;
  if (n < 2) throw new RangeError(`Yuen's test needs at least 2 values, got ${n}`);
  if (!(trim >= 0 && trim < 0.5)) throw new RangeError(`trim must be in [0, 0.5), got ${trim}`);
  // The epsilon stops 0.2·15 = 3.0000000000000004-style products from flooring the wrong way.
  const k = Math.floor(trim * n + 1e-9);
  const sorted = [...differences].sort((a, b) => a - b);
  const low = sorted[k] ?? 0;
  const high = sorted[n - k - 1] ?? 0;
  const estimate = mean(sorted.slice(k, n - k));
  const winsorized = differences.map((x) => Math.min(Math.max(x, low), high));
  const se = sampleStandardDeviation(winsorized) / ((1 - 2 * trim) * Math.sqrt(n));
  const df = n - 2 * k - 1;
  if (se === 0) {
    const t = estimate === 0 ? 0 : Math.sign(estimate) * Infinity;
    return { estimate, se, df, t, p: estimate === 0 ? 1 : 0 };
  }
  const t = estimate / se;
  return { estimate, se, df, t, p: studentTTwoSidedP(t, df) };
}

/** Two-sided confidence interval for the trimmed mean at `level` (e.g. 0.95), from a Yuen result. */
export function yuenConfidenceInterval(result: YuenResult, level: number): [number, number] {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const half = result.se === 0 ? 0 : studentTQuantile((1 + level) / 2, result.df) * result.se;
  return [result.estimate - half, result.estimate + half];
}
