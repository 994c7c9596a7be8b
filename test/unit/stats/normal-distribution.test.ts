import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalSf } from '../../../src/benchmark/stats/normal-distribution.ts';
import { expectClose } from './expect-close.ts';

describe('normalCdf', () => {
  // Expected: scipy 1.17 `stats.norm.cdf(z)`.
  it.each([
    [-8, 6.22096057427174e-16],
    [-3, 0.0013498980316300933],
    [-1.96, 0.024997895148220435],
    [0, 0.5],
    [0.3, 0.6179114221889526],
    [1.6448536269514722, 0.95],
    [5, 0.9999997133484281],
  ])('Φ(%f) = %f', (z, expected) => {
    expectClose(normalCdf(z), expected, 1e-12);
  });

  it('computes the upper tail without cancellation', () => {
    // scipy: stats.norm.sf(8) = 6.22096057427174e-16
    expectClose(normalSf(8), 6.22096057427174e-16, 1e-12);
  });
});

describe('normalQuantile', () => {
  // Expected: scipy 1.17 `stats.norm.ppf(p)`.
  it.each([
    [1e-12, -7.034483825301131],
    [0.001, -3.090232306167813],
    [0.02425, -1.972961051311885],
    [0.025, -1.9599639845400545],
    [0.3, -0.5244005127080409],
    [0.5, 0],
    [0.8, 0.8416212335729143],
    [0.975, 1.959963984540054],
    [0.999999, 4.753424308817087],
  ])('Φ⁻¹(%f) = %f', (p, expected) => {
    expectClose(normalQuantile(p), expected, 1e-12, 1e-15);
  });

  it('maps 0 and 1 to the infinities and rejects values outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(-0.1)).toThrow(RangeError);
  });
});
