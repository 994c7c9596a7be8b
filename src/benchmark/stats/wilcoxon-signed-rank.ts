import { normalSf } from './normal-distribution.ts';
import { signedRankCdf, signedRankDistribution } from './signed-rank-distribution.ts';

/** Largest n for which the exact null distribution is used (when there are no ties or zeros). */
export const WILCOXON_EXACT_MAX_N = 25;

export interface WilcoxonResult {
  /** W⁺: the sum of the ranks of |x| over the positive values. */
  statistic: number;
  /** Two-sided p-value. */
  p: number;
  method: 'exact' | 'normal';
  /**
   * The smallest p-value any sign pattern of these magnitudes could give (2/2ⁿ when exact).
   * Rank tests have this floor; when it is above α the test cannot reject, whatever the data.
   */
  minAttainableP: number;
}

/**
 * Two-sided Wilcoxon signed-rank test of "symmetric about 0".
 *
 * - n ≤ 25 with no ties and no zeros: the exact distribution (p = 2·min(P(W ≤ w), P(W ≥ w)), capped
 *   at 1), as `scipy.stats.wilcoxon(x, method='exact')`.
 * - Otherwise the normal approximation without continuity correction, with Pratt's treatment of
 *   zeros (ranked, then left out of W⁺, with Cureton's mean/variance correction) and the tie
 *   correction, as `scipy.stats.wilcoxon(x, zero_method='pratt', method='asymptotic')`.
 *   Pratt rather than dropping zeros, because discrete metrics (allocation counts) often tie at 0.
 *
 * An empty or all-zero sample gives p = 1.
 */
export function wilcoxonSignedRank(x: readonly number[]): WilcoxonResult {
  const n = x.length;
  const zeros = x.filter((v) => v === 0).length;
  if (n === zeros) {
    return { statistic: 0, p: 1, method: n <= WILCOXON_EXACT_MAX_N ? 'exact' : 'normal', minAttainableP: 1 };
  }
  const { ranks, tieGroupSizes } = rankAbsolute(x);
  let statistic = 0;
  let maxStatistic = 0;
  x.forEach((v, i) => {
    if (v > 0) statistic += ranks[i] ?? 0;
    if (v !== 0) maxStatistic += ranks[i] ?? 0;
  });
  const hasTies = tieGroupSizes.some((size) => size > 1);
  if (n <= WILCOXON_EXACT_MAX_N && zeros === 0 && !hasTies) {
    const pmf = signedRankDistribution(n);
    const exactP = (w: number) => Math.min(1, 2 * Math.min(signedRankCdf(pmf, w), 1 - signedRankCdf(pmf, w - 1)));
    return { statistic, p: exactP(statistic), method: 'exact', minAttainableP: exactP(maxStatistic) };
  }
  const expected = (n * (n + 1)) / 4 - (zeros * (zeros + 1)) / 4;
  const tieCorrection = tieGroupSizes.reduce((sum, t) => sum + t ** 3 - t, 0) / 2;
  const variance = (n * (n + 1) * (2 * n + 1) - zeros * (zeros + 1) * (2 * zeros + 1) - tieCorrection) / 24;
  const normalP = (w: number) => Math.min(1, 2 * normalSf(Math.abs(w - expected) / Math.sqrt(variance)));
  return { statistic, p: normalP(statistic), method: 'normal', minAttainableP: normalP(maxStatistic) };
}

/** Average ranks of |x| (zeros included, as Pratt ranks them) and the sizes of tied groups of non-zero |x|. */
function rankAbsolute(x: readonly number[]): { ranks: number[]; tieGroupSizes: number[] } {
  const order = x.map((v, i) => ({ a: Math.abs(v), i })).sort((p, q) => p.a - q.a);
  const ranks = new Array<number>(x.length).fill(0);
  const tieGroupSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.a === order[start]?.a) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let j = start; j <= end; j++) ranks[order[j]?.i ?? 0] = averageRank;
    if (order[start]?.a !== 0) tieGroupSizes.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieGroupSizes };
}
