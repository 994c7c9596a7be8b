/**
 * Arithmetic mean; 0 for an empty sample (callers guard n where it matters). Summed relative to the
 * first value, so a constant sample has exactly that mean (and a standard deviation of exactly 0).
 */
export function mean(values: readonly number[]): number {
  const first = values[0];
  if (first === undefined) return 0;
  let sum = 0;
  for (const v of values) sum += v - first;
  return first + sum / values.length;
}

/**
 * Median (average of the two middle values for even n). An empty sample has no median: the result is `NaN`,
 * not 0, because a 0 would read as a measurement. Reports show `NaN` as `n/a` and checkpoints drop it; every
 * statistic that needs a number (outliers, Hodges–Lehmann, the paired comparison) checks n before it gets here.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? 0) + upper) / 2;
}

/** Sample standard deviation (n − 1 denominator); 0 when n < 2. */
export function sampleStandardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}
