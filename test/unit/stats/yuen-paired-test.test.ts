import { describe, expect, it } from 'vitest';
import { yuenConfidenceInterval, yuenPairedTest } from '../../../src/benchmark/stats/yuen-paired-test.ts';
import { expectClose } from './expect-close.ts';

// Expected values: scipy 1.17 — estimate = stats.trim_mean(x, 0.2) (== mstats.trimmed_mean(x, (0.2, 0.2))),
// se = mstats.winsorize(x, (0.2, 0.2)).std(ddof=1) / (0.6·√n), df = n − 2⌊0.2n⌋ − 1,
// p = 2·stats.t.sf(|t|, df), CI = estimate ∓ stats.t.ppf((1 + level)/2, df)·se.
const withOutlier = [0.031, 0.052, -0.004, 0.047, 0.029, 0.38, 0.041, 0.018, 0.036, 0.025];
const centered = [
  0.01, -0.02, 0.005, 0, -0.012, 0.008, -0.003, 0.015, -0.25, 0.002, 0.004, -0.007, 0.011, -0.001, 0.006,
];

describe('yuenPairedTest', () => {
  it('ignores a wild outlier that a plain t-test would drown in (n = 10)', () => {
    const result = yuenPairedTest(withOutlier);
    expectClose(result.estimate, 0.034833333333333334, 1e-12);
    expectClose(result.se, 0.005031076266074857, 1e-10);
    expect(result.df).toBe(5);
    expectClose(result.t, 6.923634524926332, 1e-10);
    expectClose(result.p, 0.0009641706161639327, 1e-8);
  });

  it('finds no shift in centred data with an outlier (n = 15, 3 trimmed per side)', () => {
    const result = yuenPairedTest(centered);
    expectClose(result.estimate, 0.0015555555555555557, 1e-12);
    expectClose(result.se, 0.002632050454371318, 1e-10);
    expect(result.df).toBe(8);
    expectClose(result.p, 0.5708330983168619, 1e-9);
  });

  it('trims nothing at n = 3 (⌊0.6⌋ = 0)', () => {
    const result = yuenPairedTest([0.1, 0.12, 0.09]);
    expect(result.df).toBe(2);
    expectClose(result.se, 0.01469861839480328, 1e-10);
    expectClose(result.p, 0.0196394593603363, 1e-9);
  });

  it('equals the one-sample t-test without trimming', () => {
    // scipy: stats.ttest_1samp(x, 0) → statistic 1.855471136622644, pvalue 0.09650689939719659
    const result = yuenPairedTest(withOutlier, 0);
    expectClose(result.t, 1.855471136622644, 1e-10);
    expectClose(result.p, 0.09650689939719659, 1e-9);
    expect(result.df).toBe(9);
  });

  it('is certain about a constant shift and finds nothing in constant zeros', () => {
    expect(yuenPairedTest([0.05, 0.05, 0.05, 0.05])).toMatchObject({ estimate: 0.05, se: 0, p: 0 });
    expect(yuenPairedTest([0, 0, 0])).toMatchObject({ estimate: 0, se: 0, t: 0, p: 1 });
  });

  it('rejects fewer than 2 values and an invalid trim', () => {
    expect(() => yuenPairedTest([0.1])).toThrow(RangeError);
    expect(() => yuenPairedTest([0.1, 0.2, 0.3], 0.5)).toThrow(RangeError);
  });
});

describe('yuenConfidenceInterval', () => {
  it('uses the t quantile with Yuen df', () => {
    const result = yuenPairedTest(withOutlier);
    const [low95, high95] = yuenConfidenceInterval(result, 0.95);
    expectClose(low95, 0.021900540070060332, 1e-10);
    expectClose(high95, 0.04776612659660634, 1e-10);
    const [low90, high90] = yuenConfidenceInterval(result, 0.9);
    expectClose(low90, 0.024695471287264813, 1e-10);
    expectClose(high90, 0.044971195379401856, 1e-10);
  });

  it('collapses to the estimate when the spread is zero', () => {
    expect(yuenConfidenceInterval(yuenPairedTest([0.05, 0.05, 0.05]), 0.95)).toEqual([0.05, 0.05]);
  });
});
