import { describe, expect, it } from 'vitest';
import { wilcoxonSignedRank } from '../../../src/benchmark/stats/wilcoxon-signed-rank.ts';
import { expectClose } from './expect-close.ts';

describe('wilcoxonSignedRank, exact (n ≤ 25, no ties or zeros)', () => {
  // Expected: scipy 1.17 `stats.wilcoxon(x, method='exact').pvalue`.
  it.each([
    [[0.031, 0.052, -0.004, 0.047, 0.029, 0.38, 0.041, 0.018, 0.036, 0.025], 0.00390625],
    [[1.5, -2.25, 0.75, 3.0, -0.5, 2.5], 0.3125],
    [[0.8, 1.1, -0.3, 0.45, 0.9, 1.7, -0.05, 0.6, 0.33, 1.25, 0.2, -0.7], 0.02685546875],
    [
      [-1, 2, -3, 4, 5, -6, 7, 8, -9, 10, 11, 12, 13, -14, 15, 16, 17, 18, -19, 20, 21, 22, -23, 24, 25.5],
      0.017312347888946533,
    ],
  ])('%j → p = %f', (x, expected) => {
    const result = wilcoxonSignedRank(x);
    expect(result.method).toBe('exact');
    expectClose(result.p, expected, 1e-12);
  });

  it('reports W⁺ and the 2/2ⁿ floor of the exact test', () => {
    const result = wilcoxonSignedRank([1.5, -2.25, 0.75, 3.0, -0.5, 2.5]);
    expect(result.statistic).toBe(2 + 3 + 5 + 6); // ranks of |x| for 0.75, 1.5, 2.5, 3.0 (0.5 has rank 1)
    expect(result.minAttainableP).toBe(2 / 2 ** 6);
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5, 6]).p).toBe(0.03125);
  });
});

describe('wilcoxonSignedRank, normal approximation (ties, zeros or n > 25)', () => {
  // Expected: scipy 1.17 `stats.wilcoxon(x, zero_method='pratt', method='asymptotic').pvalue`.
  it.each([
    ['zeros and ties', [0.02, 0, 0.01, 0.02, -0.01, 0.03, 0, 0.01, 0.04, 0.02], 0.023260619585451614],
    ['ties', [1, 2, 2, -3, 3, 3, 4, -4, 5, 6, 7, -8], 0.254241457602394],
    [
      'n = 30',
      [
        10.41471, 11.092974, 3.4112, -5.568025, -7.589243, -0.794155, 8.569866, 11.893582, 6.121185, -3.440211,
        -7.999902, -3.365729, 6.20167, 11.906074, 8.502878, -0.879033, -7.613975, -5.509872, 3.498772, 11.129453,
        10.366556, 1.911487, -6.462204, -7.055784, 0.676482, 9.625585, 11.563759, 4.709058, -4.636339, -7.880316,
      ],
      0.10639417319061394,
    ],
  ])('%s → p = %f', (_label, x, expected) => {
    const result = wilcoxonSignedRank(x as number[]);
    expect(result.method).toBe('normal');
    expectClose(result.p, expected as number, 1e-10);
  });

  it('gives p = 1 when every difference is zero or there is no data', () => {
    expect(wilcoxonSignedRank([0, 0, 0, 0]).p).toBe(1);
    expect(wilcoxonSignedRank([]).p).toBe(1);
  });
});
