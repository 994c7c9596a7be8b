import { regularizedIncompleteBeta } from './incomplete-beta.ts';
import { logGamma } from './log-gamma.ts';
import { normalQuantile } from './normal-distribution.ts';

/** Two-sided tail probability P(|T| ≥ |t|) of Student's t with `df` degrees of freedom (df may be fractional). */
export function studentTTwoSidedP(t: number, df: number): number {
  assertDf(df);
  if (Number.isNaN(t)) throw new RangeError('studentTTwoSidedP needs a number, got NaN');
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  // Pick the form whose x is computed without cancellation: small |t| vs the tail.
  if (t2 < df) return 1 - regularizedIncompleteBeta(t2 / (df + t2), 0.5, df / 2);
  return regularizedIncompleteBeta(df / (df + t2), df / 2, 0.5);
}

/** Student's t CDF P(T ≤ t). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * studentTTwoSidedP(t, df);
  return t > 0 ? 1 - tail : tail;
}

/** Student's t density. */
export function studentTPdf(t: number, df: number): number {
  assertDf(df);
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * Student's t quantile: the t with P(T ≤ t) = p. Closed forms for df 1 and 2; otherwise Newton's
 * method on the lower tail from a Cornish–Fisher start, kept inside a bracket (bisection fallback).
 */
export function studentTQuantile(p: number, df: number): number {
  assertDf(df);
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`studentTQuantile needs 0 ≤ p ≤ 1, got ${p}`);
  }
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  return lowerTailQuantile(p, df);
}

/** Solves P(T ≤ t) = p for p < ½ (so t < 0). */
function lowerTailQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  let t = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
  let hi = 0;
  let lo = Math.min(2 * t, -1);
  while (lowerTail(lo, df) > p) lo *= 2;
  if (!(t > lo && t < hi)) t = (lo + hi) / 2;
  for (let i = 0; i < 200; i++) {
    const f = lowerTail(t, df) - p;
    if (f > 0) hi = t;
    else lo = t;
    let next = t - f / studentTPdf(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) return next;
    t = next;
  }
  return t;
}

function lowerTail(t: number, df: number): number {
  return 0.5 * studentTTwoSidedP(t, df);
}

function assertDf(df: number): void {
  if (!(df > 0)) throw new RangeError(`Student's t needs df > 0, got ${df}`);
}
