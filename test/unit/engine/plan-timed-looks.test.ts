import { describe, expect, it } from 'vitest';
import { compareSeries, type Series } from '../../../src/benchmark/compare-series.ts';
import { planTimedLooks } from '../../../src/benchmark/plan-timed-looks.ts';
import { sequentialBoundaries } from '../../../src/benchmark/stats/sequential-boundaries.ts';
import { seededNormal } from '../stats/seeded-normal.ts';

describe('planTimedLooks', () => {
  it('gives a 15 ms benchmark hundreds of pairs: up to the 500-pair cap within 900 s', () => {
    expect(planTimedLooks({ minPairs: 6, maxPairs: 500, perPairMs: 35, remainingMs: 899_000 })).toEqual({
      looks: [6, 10, 15, 25, 40, 60, 90, 135, 205, 310, 465, 500],
      limitedBy: 'max-pairs',
    });
  });

  it('fills 80% of what is left of a 60 s budget when that is below the cap', () => {
    // 6 + floor(0.8 × 58 000 / 400) = 6 + 116 = 122 pairs.
    expect(planTimedLooks({ minPairs: 6, maxPairs: 500, perPairMs: 400, remainingMs: 58_000 })).toEqual({
      looks: [6, 10, 15, 25, 40, 60, 90, 122],
      limitedBy: 'time-budget',
    });
  });

  it('keeps the fixed 6/10/15/20 schedule for a benchmark too slow for more (the budget then cuts it, as before)', () => {
    expect(planTimedLooks({ minPairs: 6, maxPairs: 500, perPairMs: 60_000, remainingMs: 500_000 })).toEqual({
      looks: [6, 10, 15, 20],
      limitedBy: 'fixed-schedule',
    });
  });

  it('never plans past runs.max, even when the budget would allow it', () => {
    expect(planTimedLooks({ minPairs: 6, maxPairs: 50, perPairMs: 10, remainingMs: 900_000 }).looks).toEqual([
      6, 10, 15, 25, 40, 50,
    ]);
    expect(planTimedLooks({ minPairs: 6, maxPairs: 12, perPairMs: 10, remainingMs: 900_000 }).looks).toEqual([
      6, 10, 12,
    ]);
  });

  it('stops at the pairs a calibration says are needed when they fit', () => {
    expect(
      planTimedLooks({ minPairs: 6, maxPairs: 500, perPairMs: 35, remainingMs: 899_000, neededPairs: 72.3 }),
    ).toEqual({
      looks: [6, 10, 15, 25, 40, 60, 73],
      limitedBy: 'calibration',
    });
  });
});

// A/A error control of a time-planned schedule through the real statistics: each trial measures lognormal noise
// of σ = 5% per run on both sides of every pair and is compared at each planned look at its O'Brien–Fleming level,
// stopping at the first verdict. The noise band is tiny, so only significance decides (the strictest case).
const options = { confidence: 0.95, noiseBand: 0.0001, fdr: 0.05, equivalenceAlpha: 0.05 };
// 6 + floor(0.8 × 56 250 / 1000) = 51 pairs: a 0.5 s benchmark in a 60 s budget, looks [6, 10, 15, 25, 40, 51].
const LOOKS = planTimedLooks({ minPairs: 6, maxPairs: 500, perPairMs: 1000, remainingMs: 56_250 }).looks;
const TRIALS = 1000;

function falsePositiveRate(levels: readonly number[], seed: number): number {
  const normal = seededNormal(seed);
  let positives = 0;
  for (let trial = 0; trial < TRIALS; trial++) {
    const series: Series = { benchmark: 'aa', metric: 'time', unit: 'ms', lowerIsBetter: true, pairs: [] };
    for (const [k, look] of LOOKS.entries()) {
      while (series.pairs.length < look)
        series.pairs.push({ base: 15 * Math.exp(0.05 * normal()), head: 15 * Math.exp(0.05 * normal()) });
      const [row] = compareSeries([series], { ...options, alpha: levels[k]! });
      if (row!.verdict === 'faster' || row!.verdict === 'slower') {
        positives++;
        break;
      }
    }
  }
  return positives / TRIALS;
}

describe('a time-planned schedule on A/A runs', () => {
  // The binomial SD of a 5% rate over 1000 trials is 0.69%: 6.4% is alpha plus two SDs.
  it('keeps the false-positive rate at alpha = 5% when the boundaries are computed for the planned looks', () => {
    expect(LOOKS).toEqual([6, 10, 15, 25, 40, 51]);
    const rate = falsePositiveRate(sequentialBoundaries(LOOKS, 0.05), 11); // 5.3% with this seed
    expect(rate).toBeLessThanOrEqual(0.064);
    expect(rate).toBeGreaterThan(0.02); // the boundaries spend alpha, they do not hoard it
  });

  it('would not: testing every one of its looks at 5% gives several times as many false positives', () => {
    const rate = falsePositiveRate(
      LOOKS.map(() => 0.05),
      11,
    ); // 22.7% with this seed
    expect(rate).toBeGreaterThan(0.1);
  });
});
