import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../../src/benchmark/stats/benjamini-hochberg.ts';
import { expectClose } from './expect-close.ts';

describe('benjaminiHochberg', () => {
  it('matches scipy.stats.false_discovery_control, in the input order', () => {
    // scipy 1.17: stats.false_discovery_control([0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.9, 0.0001], method='bh')
    const expected = [
      0.026666666666666665, 0.05333333333333333, 0.05333333333333333, 0.02, 0.5714285714285714, 0.05333333333333333,
      0.9, 0.0008,
    ];
    const adjusted = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.9, 0.0001]);
    expect(adjusted).toHaveLength(expected.length);
    adjusted.forEach((q, i) => expectClose(q, expected[i] ?? NaN, 1e-14));
  });

  it('is monotone in the raw p-values (step-up minimum) and capped at 1', () => {
    // scipy: false_discovery_control([0.8, 0.85, 0.9]) → [0.9, 0.9, 0.9]
    expect(benjaminiHochberg([0.8, 0.85, 0.9])).toEqual([0.9, 0.9, 0.9]);
    expect(benjaminiHochberg([1, 0.99])).toEqual([1, 1]);
  });

  it('leaves a single p-value alone and accepts an empty list', () => {
    expect(benjaminiHochberg([0.03])).toEqual([0.03]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('rejects values that are not probabilities', () => {
    expect(() => benjaminiHochberg([0.1, Number.NaN])).toThrow(/p-value #1/);
    expect(() => benjaminiHochberg([1.2])).toThrow(RangeError);
  });
});
