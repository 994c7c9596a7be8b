import { describe, expect, it } from 'vitest';
import {
  crossingProbability,
  obrienFlemingConstant,
  sequentialBoundaries,
} from '../../../src/benchmark/stats/sequential-boundaries.ts';
import { expectClose } from './expect-close.ts';

describe('sequentialBoundaries (O’Brien–Fleming shape)', () => {
  it('gives the exact boundaries for looks 6/10/15/20 at α = 0.05', () => {
    // Independent check with scipy 1.17: C = brentq(1 − multivariate_normal(cov = √(tᵢ/tⱼ)).cdf(b, lower_limit=−b)
    // − 0.05) with b = C/√t → C = 2.02459090, thresholds 2·norm.sf(b). scipy's Genz integration is
    // quasi-random, so its last digits move between runs (±2e-8 on C); hence the tolerances.
    expectClose(obrienFlemingConstant([6, 10, 15, 20], 0.05), 2.024590902514426, 2e-8);
    const expected = [0.00021869525043634037, 0.00419380570906221, 0.019397822574136137, 0.04290938919294777];
    sequentialBoundaries([6, 10, 15, 20], 0.05).forEach((p, k) => expectClose(p, expected[k] ?? NaN, 1e-6));
  });

  it("stays close to the reference's simulated ≈0.0002 / 0.004 / 0.018 / 0.041 (C ≈ 2.042)", () => {
    // The reference calibrated by simulation with small-sample t-tests; the exact Brownian-motion
    // calibration is slightly less strict.
    const reference = [0.0002, 0.004, 0.018, 0.041];
    sequentialBoundaries([6, 10, 15, 20], 0.05).forEach((p, k) => {
      expect(Math.abs(p - (reference[k] ?? NaN)) / (reference[k] ?? NaN)).toBeLessThan(0.15);
    });
  });

  it.each([
    // Jennison & Turnbull (2000), Table 2.3: O’Brien–Fleming C_B(K, α), equally spaced looks.
    [2, 0.05, 1.977],
    [3, 0.05, 2.004],
    [4, 0.05, 2.024],
    [5, 0.05, 2.04],
    [2, 0.01, 2.58],
    [4, 0.01, 2.609],
  ])('matches the published constant for K = %i equally spaced looks at α = %f', (k, alpha, published) => {
    const looks = Array.from({ length: k }, (_, i) => i + 1);
    expect(Math.abs(obrienFlemingConstant(looks, alpha) - published)).toBeLessThan(0.001);
  });

  it('spends exactly alpha over all looks', () => {
    const c = obrienFlemingConstant([6, 10, 15, 20], 0.05);
    expectClose(crossingProbability(c, [0.3, 0.5, 0.75, 1]), 0.05, 1e-6);
  });

  it('is strictly increasing and below alpha at every look', () => {
    const thresholds = sequentialBoundaries([5, 8, 12, 20, 30], 0.05);
    thresholds.forEach((p, k) => {
      expect(p).toBeLessThan(0.05);
      if (k > 0) expect(p).toBeGreaterThan(thresholds[k - 1] ?? 1);
    });
  });

  it('returns [alpha] for a single look', () => {
    expect(sequentialBoundaries([20], 0.05)).toEqual([0.05]);
  });

  it('rejects empty, unsorted or non-positive looks and invalid alpha', () => {
    expect(() => sequentialBoundaries([], 0.05)).toThrow(RangeError);
    expect(() => sequentialBoundaries([10, 6], 0.05)).toThrow(/strictly increasing/);
    expect(() => sequentialBoundaries([0, 6], 0.05)).toThrow(RangeError);
    expect(() => sequentialBoundaries([6, 10], 1)).toThrow(RangeError);
  });
});
