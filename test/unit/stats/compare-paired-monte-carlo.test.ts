import { describe, expect, it } from 'vitest';
import { comparePaired } from '../../../src/benchmark/stats/compare-paired.ts';
import type { CompareOptions, Pair } from '../../../src/benchmark/stats/metric-comparison.ts';
import { seededNormal } from './seeded-normal.ts';

// Statistical properties of the decision rule, checked on seeded simulations (deterministic).
// Each run is measured with independent lognormal noise of 3% (σ = 0.03 on ln), so the per-pair
// log-ratio has SD ≈ 4.2%.
const options: CompareOptions = { lowerIsBetter: true, noiseBand: 0.02, alpha: 0.05, confidence: 0.95 };
const TRIALS = 2000;
const PAIRS = 10;

function verdictCounts(seed: number, trueRatio: number): Record<string, number> {
  const normal = seededNormal(seed);
  const counts: Record<string, number> = { faster: 0, slower: 0, unchanged: 0, inconclusive: 0 };
  for (let trial = 0; trial < TRIALS; trial++) {
    const pairs: Pair[] = Array.from({ length: PAIRS }, () => ({
      base: 100 * Math.exp(0.03 * normal()),
      head: 100 * trueRatio * Math.exp(0.03 * normal()),
    }));
    const verdict = comparePaired(pairs, options).verdict;
    counts[verdict] = (counts[verdict] ?? 0) + 1;
  }
  return counts;
}

describe('comparePaired on simulated jobs', () => {
  it('rarely reports a change in A/A runs (false faster/slower ≤ 6%)', () => {
    const counts = verdictCounts(20240601, 1);
    expect(((counts.faster ?? 0) + (counts.slower ?? 0)) / TRIALS).toBeLessThanOrEqual(0.06);
  });

  it('detects a 10% slowdown as `slower` in ≥ 95% of jobs and never calls it `faster`', () => {
    const counts = verdictCounts(7, 1.1);
    expect((counts.slower ?? 0) / TRIALS).toBeGreaterThanOrEqual(0.95);
    expect(counts.faster).toBe(0);
  });
});
