import { describe, expect, it } from 'vitest';
import { hodgesLehmann } from '../../../src/benchmark/stats/hodges-lehmann.ts';
import { expectClose } from './expect-close.ts';

// Expected values from an independent brute-force script: sorted Walsh averages, k = smallest integer
// with P(W⁺ ≤ k) ≥ (1 − conf)/2 over all 2ⁿ sign patterns (n ≤ 25), else the continuity-corrected
// normal rule; the same k as R's wilcox.test(conf.int = TRUE) and the published critical-value
// tables (n = 10: T = 8 → k = 9; n = 20: T = 52 → k = 53).
describe('hodgesLehmann', () => {
  const withOutlier = [0.031, 0.052, -0.004, 0.047, 0.029, 0.38, 0.041, 0.018, 0.036, 0.025];

  it('gives the median Walsh average and the 9th-smallest/largest as the 95% CI at n = 10', () => {
    const result = hodgesLehmann(withOutlier, 0.95);
    expectClose(result.estimate, 0.035, 1e-12);
    expectClose(result.ci[0], 0.0215, 1e-12);
    expectClose(result.ci[1], 0.199, 1e-12);
    expect(result.coverage).toBe(0.951171875);
  });

  it('narrows at 90% (k = 11)', () => {
    const result = hodgesLehmann(withOutlier, 0.9);
    expectClose(result.ci[0], 0.0235, 1e-12);
    expectClose(result.ci[1], 0.052, 1e-12);
    expect(result.coverage).toBe(0.916015625);
  });

  it('uses the full Walsh range at n = 6 and says when that covers less than asked (n = 5)', () => {
    expect(hodgesLehmann([3, 1, 4, 1.5, 5, 9], 0.95)).toEqual({ estimate: 3.5, ci: [1, 9], coverage: 0.96875 });
    expect(hodgesLehmann([3, 1, 4, 1.5, 5], 0.95)).toEqual({ estimate: 3, ci: [1, 5], coverage: 0.9375 });
  });

  it('matches the exact rule at n = 20', () => {
    const x = [
      3.701512, -1.080734, -3.949962, -2.268218, 2.418311, 5.800851, 4.769511, 0.2725, -3.555651, -3.195358, 1.022128,
      5.21927, 5.537234, 1.683686, -2.79844, -3.788297, -0.375817, 4.301584, 5.943523, 3.04041,
    ];
    const result = hodgesLehmann(x, 0.95);
    expectClose(result.estimate, 1.0216875, 1e-12);
    expectClose(result.ci[0], -0.623045, 1e-12);
    expectClose(result.ci[1], 3.04041, 1e-12);
    expectClose(result.coverage, 0.9515590667724609, 1e-12);
  });

  it('uses the normal rule above n = 25 (k = 137 at n = 30)', () => {
    const x = [
      10.41471, 11.092974, 3.4112, -5.568025, -7.589243, -0.794155, 8.569866, 11.893582, 6.121185, -3.440211, -7.999902,
      -3.365729, 6.20167, 11.906074, 8.502878, -0.879033, -7.613975, -5.509872, 3.498772, 11.129453, 10.366556,
      1.911487, -6.462204, -7.055784, 0.676482, 9.625585, 11.563759, 4.709058, -4.636339, -7.880316,
    ];
    const result = hodgesLehmann(x, 0.95);
    expectClose(result.estimate, 2.012879, 1e-12);
    expectClose(result.ci[0], -0.794155, 1e-12);
    expectClose(result.ci[1], 5.12521, 1e-12);
    expectClose(result.coverage, 0.9516819635090852, 1e-10);
  });

  it('rejects an empty sample', () => {
    expect(() => hodgesLehmann([], 0.95)).toThrow(RangeError);
  });
});
