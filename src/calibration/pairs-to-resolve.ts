import { minimumDetectableEffect } from '../benchmark/stats/minimum-detectable-effect.ts';

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
