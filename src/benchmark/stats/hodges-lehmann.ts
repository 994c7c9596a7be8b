import { median } from './descriptive-statistics.ts';
import { normalCdf, normalQuantile } from './normal-distribution.ts';
import { signedRankCdf, signedRankDistribution } from './signed-rank-distribution.ts';
import { WILCOXON_EXACT_MAX_N } from './wilcoxon-signed-rank.ts';

export interface HodgesLehmannResult {
  /** Median of the Walsh averages (xᵢ + xⱼ)/2, i ≤ j: the estimate that goes with the signed-rank test. */
  estimate: number;
  /** Distribution-free CI: the k-th smallest and k-th largest Walsh averages. */
  ci: [number, number];
  /**
   * Coverage the interval actually has (≥ `confidence` unless n is too small to reach it, in which
   * case the interval is the full Walsh range and this says how much it covers).
   */
  coverage: number;
}

/**
 * Hodges–Lehmann one-sample estimate with the confidence interval that inverts the signed-rank test
 * (as R's `wilcox.test(conf.int = TRUE)`): with M = n(n+1)/2 sorted Walsh averages W₍₁₎…W₍M₎ and k
 * the smallest integer with P(W⁺ ≤ k) ≥ (1 − confidence)/2 (at least 1), the CI is [W₍k₎, W₍M+1−k₎].
 * k comes from the exact distribution for n ≤ 25, otherwise from the normal approximation with
 * continuity correction, matching `wilcoxonSignedRank`'s choice. Ties are not corrected for
 * (the interval is exact for continuous data).
 */
export function hodgesLehmann(x: readonly number[], confidence: number): HodgesLehmannResult {
  const n = x.length;
  if (n === 0) throw new RangeError('Hodges–Lehmann needs at least 1 value');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const walsh: number[] = [];
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) walsh.push(((x[i] ?? 0) + (x[j] ?? 0)) / 2);
  walsh.sort((a, b) => a - b);
  const m = walsh.length;
  const tail = (1 - confidence) / 2;
  const { k, coverage } = n <= WILCOXON_EXACT_MAX_N ? exactRank(n, tail) : normalRank(n, tail);
  return { estimate: median(walsh), ci: [walsh[k - 1] ?? 0, walsh[m - k] ?? 0], coverage };
}

function exactRank(n: number, tail: number): { k: number; coverage: number } {
  const pmf = signedRankDistribution(n);
  let k = 0;
  while (signedRankCdf(pmf, k) < tail) k++;
  k = Math.max(k, 1);
  return { k, coverage: 1 - 2 * signedRankCdf(pmf, k - 1) };
}

function normalRank(n: number, tail: number): { k: number; coverage: number } {
  const half = (n * (n + 1)) / 4;
  const sd = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24);
  // Largest k with P(W⁺ ≤ k − 1) ≈ Φ((k − ½ − half)/sd) ≤ tail.
  const k = Math.max(1, Math.floor(half + 0.5 + normalQuantile(tail) * sd));
  return { k, coverage: 1 - 2 * normalCdf((k - 0.5 - half) / sd) };
}
