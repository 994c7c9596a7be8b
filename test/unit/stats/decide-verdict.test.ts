import { describe, expect, it } from 'vitest';
import { decideVerdict, isDecisive } from '../../../src/benchmark/stats/decide-verdict.ts';
import type { VerdictEvidence } from '../../../src/benchmark/stats/decide-verdict.ts';

const rule = { lowerIsBetter: true, noiseBand: 0.02, alpha: 0.05 };
const evidence = (p: number, ci: [number, number], equivalenceCi: [number, number] = ci): VerdictEvidence => ({
  p,
  ci,
  equivalenceCi,
});

describe('decideVerdict', () => {
  it.each([
    ['significant, CI above the band', evidence(0.001, [0.03, 0.08]), 'slower'],
    ['significant, CI below the band', evidence(0.001, [-0.08, -0.03]), 'faster'],
    ['significant, CI touches the band', evidence(0.001, [0.02, 0.08]), 'inconclusive'],
    ['significant, CI straddles the band', evidence(0.001, [0.01, 0.05]), 'inconclusive'],
    ['CI beyond the band but p ≥ alpha', evidence(0.05, [0.03, 0.08]), 'inconclusive'],
    ['equivalence CI inside ±band', evidence(0.6, [-0.025, 0.021], [-0.015, 0.018]), 'unchanged'],
    ['equivalence CI exactly on the band edges', evidence(0.6, [-0.03, 0.03], [-0.02, 0.02]), 'unchanged'],
    ['equivalence CI sticks out', evidence(0.6, [-0.03, 0.03], [-0.021, 0.01]), 'inconclusive'],
  ] as const)('%s → %s', (_label, input, expected) => {
    expect(decideVerdict(input, rule)).toBe(expected);
  });

  it('flips faster/slower for bigger-is-better metrics', () => {
    const bigger = { ...rule, lowerIsBetter: false };
    expect(decideVerdict(evidence(0.001, [0.03, 0.08]), bigger)).toBe('faster');
    expect(decideVerdict(evidence(0.001, [-0.08, -0.03]), bigger)).toBe('slower');
  });

  it('can judge the CI alone when significance is not required', () => {
    const ciOnly = { ...rule, alpha: 0.0002, requireSignificance: false };
    expect(decideVerdict(evidence(0.03, [0.03, 0.08]), ciOnly)).toBe('slower');
  });

  it('counts only faster and slower as decisive', () => {
    const verdicts = ['faster', 'slower', 'unchanged', 'inconclusive'] as const;
    expect(verdicts.map((v) => isDecisive(v))).toEqual([true, true, false, false]);
  });
});
