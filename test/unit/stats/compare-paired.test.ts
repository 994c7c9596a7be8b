import { describe, expect, it } from 'vitest';
import { comparePaired } from '../../../src/benchmark/stats/compare-paired.ts';
import type { CompareOptions, Pair } from '../../../src/benchmark/stats/metric-comparison.ts';
import { expectClose } from './expect-close.ts';

/** Fixed standardized noise, so every case is exact and reproducible. */
const Z = [0.3, -1.2, 0.8, -0.4, 1.5, -0.9, 0.1, 0.6, -0.2, -0.6];
const pairsFromLogRatios = (logRatios: readonly number[]): Pair[] =>
  logRatios.map((r) => ({ base: 100, head: 100 * Math.exp(r) }));
const timeOptions: CompareOptions = { lowerIsBetter: true, noiseBand: 0.02, alpha: 0.05, confidence: 0.95 };

describe('comparePaired', () => {
  const slowdown = pairsFromLogRatios(Z.map((z) => Math.log(1.1) + 0.02 * z));

  it('calls a clear 10% slowdown with 2% noise `slower`, with every number pinned', () => {
    // No outliers, so the primary test is the plain paired t. Expected: scipy 1.17 (mean / std(ddof=1) /
    // t.ppf / t.sf on the log-ratios; stats.wilcoxon(method='exact'); brute-force Walsh averages for HL).
    const result = comparePaired(slowdown, timeOptions);
    expect(result.verdict).toBe('slower');
    expect(result.n).toBe(10);
    expect(result.baseMedian).toBe(100);
    expectClose(result.change, 0.1000000000000001, 1e-10);
    expectClose(result.ci[0], 0.08705664577845974, 1e-10);
    expectClose(result.ci[1], 0.11309746801050892, 1e-10);
    expectClose(result.p, 2.067050730200755e-8, 1e-6);
    expectClose(result.noise, 0.01654623152798781, 1e-10);
    expectClose(result.mde, 0.016594955371756617, 1e-10);
    expect(result.outliers).toBe(0);
    expect(result.crossCheck.agrees).toBe(true);
    expect(result.crossCheck.p).toBe(0.001953125);
    expectClose(result.crossCheck.change, 0.09890054981671263, 1e-10);
    expectClose(result.crossCheck.ci[0], 0.08687888414812361, 1e-10);
    expectClose(result.crossCheck.ci[1], 0.11327951775268552, 1e-10);
  });

  it('keeps change = head/base − 1 for bigger-is-better metrics but flips the verdict', () => {
    const lower = comparePaired(slowdown, timeOptions);
    const bigger = comparePaired(slowdown, { ...timeOptions, lowerIsBetter: false });
    expect(bigger.verdict).toBe('faster');
    expect(bigger.change).toBe(lower.change);
    expect(bigger.ci).toEqual(lower.ci);
    const drop = pairsFromLogRatios(Z.map((z) => Math.log(0.9) + 0.02 * z));
    expect(comparePaired(drop, timeOptions).verdict).toBe('faster');
    expect(comparePaired(drop, { ...timeOptions, lowerIsBetter: false }).verdict).toBe('slower');
  });

  it('calls identical measurements `unchanged` with a zero-width CI', () => {
    const same = [120, 95, 101, 99, 130].map((v) => ({ base: v, head: v }));
    expect(comparePaired(same, timeOptions)).toMatchObject({
      verdict: 'unchanged',
      change: 0,
      ci: [0, 0],
      p: 1,
      noise: 0,
      mde: 0,
      crossCheck: { p: 1, change: 0, ci: [0, 0], agrees: true },
    });
  });

  it('calls a tight null result `unchanged` (90% CI inside ±2%)', () => {
    const result = comparePaired(pairsFromLogRatios(Z.map((z) => 0.002 * z)), timeOptions);
    expect(result.verdict).toBe('unchanged');
    expect(result.p).toBeGreaterThan(0.9);
  });

  it('calls huge noise `inconclusive` and says the MDE exceeds the band', () => {
    const result = comparePaired(pairsFromLogRatios(Z.map((z) => 0.25 * z)), timeOptions);
    expect(result.verdict).toBe('inconclusive');
    expectClose(result.mde, 0.2284270711138013, 1e-10);
  });

  it('calls a significant change whose CI straddles the band `inconclusive`', () => {
    // +2.5% ± 1%: p ≈ 5e-6, but the CI [1.93%, 3.14%] reaches inside the 2% band.
    const result = comparePaired(pairsFromLogRatios(Z.map((z) => 0.025 + 0.01 * z)), timeOptions);
    expectClose(result.p, 5.2157311745579056e-6, 1e-6);
    expectClose(result.ci[0], 0.019264990002985382, 1e-10);
    expect(result.verdict).toBe('inconclusive');
  });

  it('needs the equivalence CI inside the band: TOST at alpha by default, at equivalenceAlpha when given', () => {
    const quiet = pairsFromLogRatios(Z.map((z) => 0.02 * z));
    // At an early sequential look (alpha 0.0002) the 99.96% CI is too wide to claim "no change"…
    expect(comparePaired(quiet, { ...timeOptions, alpha: 0.0002 }).verdict).toBe('inconclusive');
    // …but the engine may run the equivalence test at an unadjusted 5% (a 90% CI).
    expect(comparePaired(quiet, { ...timeOptions, alpha: 0.0002, equivalenceAlpha: 0.05 }).verdict).toBe('unchanged');
  });

  it('trims two stray runs, and a rank test that is merely less sure does not veto the verdict', () => {
    // Eight pairs at ≈ +11%, two at −26%: outliers, so Yuen's trimmed t decides; Wilcoxon is not
    // significant here but its interval still holds the estimate, so it does not contradict.
    const logRatios = [0.1, 0.1, 0.11, 0.12, 0.1, 0.11, -0.3, -0.3, 0.105, 0.115];
    const result = comparePaired(pairsFromLogRatios(logRatios), timeOptions);
    expect(result.outliers).toBe(2);
    expect(result.p).toBeLessThan(1e-6);
    expect(result.ci[0]).toBeGreaterThan(0.1);
    expect(result.crossCheck.p).toBeGreaterThan(0.05);
    expect(result.crossCheck.ci[0]).toBeLessThan(result.change);
    expect(result.crossCheck.ci[1]).toBeGreaterThan(result.change);
    expect(result.crossCheck.agrees).toBe(true);
    expect(result.verdict).toBe('slower');
  });

  it('does not let the rank test floor veto an early look: at 6 pairs only its CI is judged', () => {
    // Exact Wilcoxon at n = 6 cannot go below p = 0.03125, far above the first OBF boundary.
    const pairs = pairsFromLogRatios([0.1, 0.095, 0.098, 0.102, 0.097, 0.1005]);
    const result = comparePaired(pairs, { ...timeOptions, alpha: 0.0002 });
    expect(result.p).toBeLessThan(0.0002);
    expect(result.crossCheck.p).toBe(0.03125);
    expect(result.crossCheck.agrees).toBe(true);
    expect(result.verdict).toBe('slower');
  });

  it('returns a NaN-free "no information" result below 3 pairs', () => {
    const result = comparePaired(
      [
        { base: 100, head: 110 },
        { base: 100, head: 121 },
      ],
      timeOptions,
    );
    expect(result).toMatchObject({
      n: 2,
      verdict: 'inconclusive',
      p: 1,
      ci: [-1, Number.MAX_VALUE],
      mde: Number.MAX_VALUE,
    });
    expectClose(result.change, Math.sqrt(1.1 * 1.21) - 1, 1e-12);
    expect(comparePaired([], timeOptions)).toMatchObject({ n: 0, change: 0, noise: 0, verdict: 'inconclusive' });
  });

  it('refuses non-positive or non-finite measurements with a message naming the pair', () => {
    const bad = [...slowdown.slice(0, 3), { base: 0, head: 5 }];
    expect(() => comparePaired(bad, timeOptions)).toThrow(/pair #3 has base=0, head=5/);
    expect(() => comparePaired([{ base: 1, head: -1 }, ...slowdown], timeOptions)).toThrow(RangeError);
    expect(() => comparePaired([{ base: 1, head: Infinity }, ...slowdown], timeOptions)).toThrow(RangeError);
  });

  it('rejects out-of-range options', () => {
    expect(() => comparePaired(slowdown, { ...timeOptions, alpha: 0 })).toThrow(RangeError);
    expect(() => comparePaired(slowdown, { ...timeOptions, confidence: 1 })).toThrow(RangeError);
    expect(() => comparePaired(slowdown, { ...timeOptions, noiseBand: -0.01 })).toThrow(RangeError);
  });
});
