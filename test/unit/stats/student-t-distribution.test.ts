import { describe, expect, it } from 'vitest';
import {
  studentTCdf,
  studentTQuantile,
  studentTTwoSidedP,
} from '../../../src/benchmark/stats/student-t-distribution.ts';
import { expectClose } from './expect-close.ts';

describe('studentTCdf', () => {
  // Expected: scipy 1.17 `stats.t.cdf(t, df)`.
  it.each([
    [0, 5, 0.5],
    [1.5, 3, 0.8847080673775886],
    [-2.5, 7, 0.020496109292876444],
    [2.262157, 9, 0.9749999933477842],
    [10, 2, 0.9950737714883372],
    [-40, 3, 1.7190340394579253e-5],
    [0.3, 1000, 0.617880247916378],
    [1.2, 2.5, 0.8342805811670612],
    [-0.001, 4, 0.499625000078125],
  ])('t=%f, df=%f → %f', (t, df, expected) => {
    expectClose(studentTCdf(t, df), expected, 1e-10);
  });
});

describe('studentTTwoSidedP', () => {
  // Expected: scipy 1.17 `2 * stats.t.sf(abs(t), df)`; tiny p-values stay relatively accurate.
  it.each([
    [0.001, 4, 0.99925000015625],
    [2.5, 7, 0.04099221858575289],
    [40, 3, 3.4380680789158506e-5],
    [8, 20, 1.165662827148851e-7],
    [25, 9, 1.2589450378990368e-9],
    [1.0, 1, 0.5000000000000001],
  ])('|t|=%f, df=%f → %f', (t, df, expected) => {
    expectClose(studentTTwoSidedP(t, df), expected, 1e-9);
    expectClose(studentTTwoSidedP(-t, df), expected, 1e-9);
  });

  it('gives p = 0 for an infinite statistic', () => {
    expect(studentTTwoSidedP(Infinity, 5)).toBe(0);
  });
});

describe('studentTQuantile', () => {
  // Expected: scipy 1.17 `stats.t.ppf(p, df)`.
  it.each([
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 3, 3.1824463052837078],
    [0.975, 5, 2.5705818356363146],
    [0.975, 9, 2.262157162798205],
    [0.8, 9, 0.8834038596855346],
    [0.95, 19, 1.7291328115213682],
    [0.995, 4, 4.604094871349992],
    [1e-10, 3, -2225.769284683093],
    [0.6, 1000, 0.25341451583949876],
    [0.9, 2.5, 1.7302509288071766],
    [0.025, 30, -2.042272456301238],
    [0.5, 7, 0],
  ])('p=%f, df=%f → %f', (p, df, expected) => {
    expectClose(studentTQuantile(p, df), expected, 1e-9, 1e-12);
  });

  it('inverts the CDF', () => {
    for (const df of [1, 3, 7.5, 40]) {
      for (const p of [0.001, 0.2, 0.9, 0.9999]) expectClose(studentTCdf(studentTQuantile(p, df), df), p, 1e-10);
    }
  });

  it('rejects impossible arguments', () => {
    expect(() => studentTQuantile(1.5, 3)).toThrow(RangeError);
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(studentTQuantile(1, 3)).toBe(Infinity);
  });
});
