import type { ComparisonRow, GeomeanRow } from './bench-report.ts';
import { median } from './stats/descriptive-statistics.ts';
import { WHOLE_RUN } from './observation.ts';
import { benjaminiHochberg } from './stats/benjamini-hochberg.ts';
import { comparePaired } from './stats/compare-paired.ts';
import type { Pair } from './stats/metric-comparison.ts';

/** All interleaved pairs collected so far for one benchmark metric. */
export interface Series {
  benchmark: string;
  metric: string;
  unit: string;
  lowerIsBetter: boolean;
  pairs: Pair[];
}

export interface SeriesComparisonOptions {
  /** Nominal two-sided level at this look (group-sequential boundary). */
  alpha: number;
  confidence: number;
  noiseBand: number;
  /** A narrower band for some metrics (instruction counts, whose noise is orders of magnitude below time's). */
  noiseBands?: Readonly<Record<string, number>>;
  /** Benjamini–Hochberg q across the rows of one metric. */
  fdr: number;
  /**
   * Level of the equivalence test behind `unchanged` (a 1 − 2·equivalenceAlpha interval inside the band).
   * Not spent across looks: declaring "unchanged" early risks a missed change, not a false alarm.
   */
  equivalenceAlpha: number;
}

const SHORT_RUN_NS = 5e6;

/**
 * Compares every series, then controls the false-discovery rate across benchmarks of the same metric:
 * a `faster`/`slower` verdict survives only if its BH-adjusted p-value is still below both this look's
 * alpha and the configured FDR level q.
 */
export function compareSeries(series: readonly Series[], options: SeriesComparisonOptions): ComparisonRow[] {
  const rows = series.map((s) => compareOne(s, options));
  for (const metric of new Set(rows.map((r) => r.metric))) {
    const group = rows.filter((r) => r.metric === metric);
    const adjusted = benjaminiHochberg(group.map((r) => r.p));
    group.forEach((row, i) => {
      row.p = adjusted[i]!;
      if ((row.verdict === 'faster' || row.verdict === 'slower') && row.p >= Math.min(options.alpha, options.fdr)) {
        row.verdict = 'inconclusive';
        row.warnings.push(`not significant after correcting for ${group.length} comparisons (FDR)`);
      }
    });
  }
  return rows;
}

function compareOne(s: Series, options: SeriesComparisonOptions): ComparisonRow {
  const baseValues = s.pairs.map((p) => p.base);
  const headValues = s.pairs.map((p) => p.head);
  const row: ComparisonRow = {
    benchmark: s.benchmark,
    metric: s.metric,
    unit: s.unit,
    lowerIsBetter: s.lowerIsBetter,
    base: { median: median(baseValues), n: s.pairs.length },
    head: { median: median(headValues), n: s.pairs.length },
    change: 0,
    ci: [0, 0],
    p: 1,
    verdict: 'inconclusive',
    mde: Number.POSITIVE_INFINITY,
    noise: 0,
    outliers: 0,
    warnings: [],
  };
  if (s.pairs.every((p) => p.base === p.head)) {
    // Deterministic metrics (allocation counts, bytes) often match exactly: that is "unchanged", not an error.
    return { ...row, verdict: 'unchanged', mde: 0 };
  }
  const usable = s.pairs.filter((p) => p.base > 0 && p.head > 0 && Number.isFinite(p.base) && Number.isFinite(p.head));
  if (usable.length < 3) {
    row.warnings.push('fewer than 3 pairs with positive values: cannot compare');
    return row;
  }
  const c = comparePaired(usable, {
    lowerIsBetter: s.lowerIsBetter,
    noiseBand: options.noiseBands?.[s.metric] ?? options.noiseBand,
    alpha: options.alpha,
    confidence: options.confidence,
    equivalenceAlpha: options.equivalenceAlpha,
  });
  row.change = c.change;
  row.ci = c.ci;
  row.p = c.p;
  row.verdict = c.verdict;
  row.mde = c.mde;
  row.noise = c.noise;
  row.outliers = c.outliers;
  if (usable.length < s.pairs.length)
    row.warnings.push(`${s.pairs.length - usable.length} pairs with non-positive values ignored`);
  if (c.outliers > 0)
    row.warnings.push(`${c.outliers} outlier pair(s) flagged (kept; the trimmed test is robust to them)`);
  if (!c.crossCheck.agrees) row.warnings.push('the Wilcoxon/Hodges–Lehmann cross-check disagrees: verdict downgraded');
  if (s.benchmark === WHOLE_RUN && s.metric === 'time' && row.base.median < SHORT_RUN_NS) {
    row.warnings.push('the command runs in under 5 ms: process start-up dominates the measurement');
  }
  return row;
}

/**
 * Geometric mean of head/base over the benchmarks of one metric, tested the same way as a benchmark:
 * per pair, the mean log-ratio across benchmarks (benchmarks from one invocation are correlated, so the
 * pair — not the benchmark — is the independent unit).
 */
export function compareGeomean(
  series: readonly Series[],
  metric: string,
  options: SeriesComparisonOptions,
): GeomeanRow | null {
  const members = series.filter((s) => s.metric === metric && s.benchmark !== WHOLE_RUN);
  if (members.length < 2) return null;
  const n = Math.min(...members.map((s) => s.pairs.length));
  const pairs: Pair[] = [];
  for (let i = 0; i < n; i++) {
    const logs = members.map((s) => Math.log(s.pairs[i]!.head / s.pairs[i]!.base));
    if (!logs.every(Number.isFinite)) continue;
    pairs.push({ base: 1, head: Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length) });
  }
  if (pairs.length < 3) return null;
  const c = comparePaired(pairs, {
    lowerIsBetter: true,
    noiseBand: options.noiseBand,
    alpha: options.alpha,
    confidence: options.confidence,
    equivalenceAlpha: options.equivalenceAlpha,
  });
  return { metric, change: c.change, ci: c.ci, count: members.length };
}
