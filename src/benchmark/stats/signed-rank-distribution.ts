/**
 * Exact null distribution of the Wilcoxon signed-rank statistic W⁺ for n untied, non-zero values:
 * `pmf[w]` = P(W⁺ = w) for w = 0 … n(n+1)/2. Counting subsets of {1…n} by sum; exact in doubles
 * for n ≤ 50 because the counts stay below 2⁵³ until divided.
 */
export function signedRankDistribution(n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank++) {
    for (let w = (rank * (rank + 1)) / 2; w >= rank; w--) counts[w] = (counts[w] ?? 0) + (counts[w - rank] ?? 0);
  }
  const total = 2 ** n;
  return counts.map((c) => c / total);
}

/** P(W⁺ ≤ w) from a pmf of `signedRankDistribution`. */
export function signedRankCdf(pmf: readonly number[], w: number): number {
  let sum = 0;
  for (let i = 0; i <= Math.min(w, pmf.length - 1); i++) sum += pmf[i] ?? 0;
  return Math.min(sum, 1);
}
