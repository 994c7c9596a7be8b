import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect } from '../../../src/benchmark/stats/minimum-detectable-effect.ts';
import { expectClose } from './expect-close.ts';

describe('minimumDetectableEffect', () => {
  it('gives ≈3% for 10 pairs at 3% noise (α = 0.05, 80% power)', () => {
    // scipy: np.expm1((t.ppf(0.975, 9) + t.ppf(0.8, 9)) * 0.03 / np.sqrt(10)) = 0.03029112923905979
    expectClose(minimumDetectableEffect(0.03, 10, 0.05), 0.03029112923905979, 1e-10);
  });

  it("reproduces the reference's MDE multipliers (× c_d) for 5…30 pairs", () => {
    const multipliers = { 5: 1.66, 6: 1.43, 8: 1.15, 10: 1.0, 15: 0.78, 20: 0.66, 30: 0.53 };
    for (const [n, multiplier] of Object.entries(multipliers)) {
      const logMde = Math.log1p(minimumDetectableEffect(0.01, Number(n), 0.05)) / 0.01;
      expect(Math.abs(logMde - multiplier)).toBeLessThan(0.01);
    }
  });

  it('grows with stricter alpha and higher power, and is 0 without noise', () => {
    const base = minimumDetectableEffect(0.03, 10, 0.05);
    expect(minimumDetectableEffect(0.03, 10, 0.004)).toBeGreaterThan(base);
    expect(minimumDetectableEffect(0.03, 10, 0.05, 0.9)).toBeGreaterThan(base);
    expect(minimumDetectableEffect(0, 10, 0.05)).toBe(0);
  });

  it('rejects fewer than 2 pairs and invalid levels', () => {
    expect(() => minimumDetectableEffect(0.03, 1, 0.05)).toThrow(RangeError);
    expect(() => minimumDetectableEffect(0.03, 10, 0)).toThrow(RangeError);
    expect(() => minimumDetectableEffect(0.03, 10, 0.05, 1)).toThrow(RangeError);
  });
});
