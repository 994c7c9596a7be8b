import { describe, expect, it } from 'vitest';
import { compareGeomean, compareSeries, type Series } from '../../../src/benchmark/compare-series.ts';
import { createRandom } from '../../../src/benchmark/seeded-random.ts';

const options = { alpha: 0.05, confidence: 0.95, noiseBand: 0.02, fdr: 0.05, equivalenceAlpha: 0.05 };

/** n pairs of a ~1 ms benchmark with multiplicative noise `cv` and a true head/base ratio `ratio`. */
function series(benchmark: string, ratio: number, n: number, seed: number, cv = 0.01, metric = 'time'): Series {
  const random = createRandom(seed);
  const noise = () => 1 + cv * (random() + random() + random() - 1.5) * 2;
  return {
    benchmark,
    metric,
    unit: 'ns',
    lowerIsBetter: true,
    pairs: Array.from({ length: n }, () => {
      const drift = 1 + 0.05 * random(); // shared by both runs of a pair, as machine drift is
      return { base: 1e6 * drift * noise(), head: 1e6 * ratio * drift * noise() };
    }),
  };
}

describe('compareSeries', () => {
  it('calls a 30% slowdown slower and leaves an unchanged benchmark unchanged', () => {
    const rows = compareSeries([series('sort', 1.3, 12, 1), series('parse', 1.0, 12, 2)], options);
    const sort = rows.find((r) => r.benchmark === 'sort')!;
    const parse = rows.find((r) => r.benchmark === 'parse')!;
    expect(sort.verdict).toBe('slower');
    expect(sort.change).toBeGreaterThan(0.25);
    expect(sort.change).toBeLessThan(0.35);
    expect(sort.ci[0]).toBeGreaterThan(0.02);
    expect(sort.base.n).toBe(12);
    expect(parse.verdict).toBe('unchanged');
    expect(Math.abs(parse.change)).toBeLessThan(0.02);
  });

  it('keeps the meaning of faster for bigger-is-better metrics', () => {
    const throughput = { ...series('encode', 1.25, 12, 3), metric: 'throughput', unit: 'MB/s', lowerIsBetter: false };
    const [row] = compareSeries([throughput], options);
    expect(row!.verdict).toBe('faster');
    expect(row!.change).toBeGreaterThan(0.2);
  });

  it('treats identical deterministic values (allocation counts) as unchanged', () => {
    const allocs: Series = {
      benchmark: 'parse',
      metric: 'allocs',
      unit: 'allocs/op',
      lowerIsBetter: true,
      pairs: Array(6).fill({ base: 12, head: 12 }),
    };
    const [row] = compareSeries([allocs], options);
    expect(row).toMatchObject({ verdict: 'unchanged', change: 0, ci: [0, 0], mde: 0 });
  });

  it('is inconclusive, with the detectable effect, when the noise swamps the measurement', () => {
    const [row] = compareSeries([series('noisy', 1.0, 6, 6, 0.2)], options);
    expect(row!.verdict).toBe('inconclusive');
    expect(row!.mde).toBeGreaterThan(0.05);
  });

  it('downgrades a marginal verdict that does not survive the false-discovery correction', () => {
    // Seed 5: a 5% slowdown that is significant on its own (p ≈ 0.005), next to twenty unchanged benchmarks.
    const edge = () => series('edge', 1.05, 8, 5, 0.03);
    const alone = compareSeries([edge()], options)[0]!;
    expect(alone.verdict).toBe('slower');
    const many = Array.from({ length: 20 }, (_, i) => series(`b${i}`, 1.0, 8, 100 + i, 0.03));
    const withMany = compareSeries([edge(), ...many], options).find((r) => r.benchmark === 'edge')!;
    expect(withMany.p).toBeGreaterThan(0.05);
    expect(withMany.verdict).toBe('inconclusive');
    expect(withMany.warnings.join()).toContain('not significant after correcting for 21 comparisons (FDR)');
  });
});

describe('compareGeomean', () => {
  it('is the per-pair geometric mean of head/base over the benchmarks of a metric', () => {
    const rows = [series('a', 1.3, 12, 11, 0.005), series('b', 1.0, 12, 12, 0.005)];
    const geomean = compareGeomean(rows, 'time', options)!;
    expect(geomean.count).toBe(2);
    expect(geomean.change).toBeCloseTo(Math.sqrt(1.3) - 1, 2);
    expect(geomean.ci[0]).toBeLessThan(geomean.change);
    expect(geomean.ci[1]).toBeGreaterThan(geomean.change);
  });
  it('needs at least two benchmarks', () => {
    expect(compareGeomean([series('a', 1.3, 12, 11)], 'time', options)).toBeNull();
  });
});
