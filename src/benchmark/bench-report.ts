import type { Verdict } from './stats/metric-comparison.ts';
import type { ConcreteBenchFormat } from './parsers/parsed-result.ts';

/** One row of the report: one metric of one benchmark. Field names are the public `bench --json` contract. */
export interface ComparisonRow {
  benchmark: string;
  metric: string;
  unit: string;
  lowerIsBetter: boolean;
  base: { median: number; n: number };
  head: { median: number; n: number };
  change: number;
  ci: [number, number];
  /** p-value after Benjamini–Hochberg adjustment across all rows of the same metric. */
  p: number;
  verdict: Verdict;
  /** Smallest change this run could have detected (fraction), shown for inconclusive rows. */
  mde: number;
  /** SD of per-pair log-ratios. */
  noise: number;
  outliers: number;
  /** Human-readable caveats ("cross-check disagrees", "benchmark < 5 ms: process start-up dominates"…). */
  warnings: string[];
}

/** The geometric mean of head/base over all rows of one metric. */
export interface GeomeanRow {
  metric: string;
  change: number;
  ci: [number, number];
  count: number;
}

export interface SideInfo {
  ref: string;
  sha: string;
}

/** Everything a renderer needs: pure data, produced by the engine, serialized by `bench --json`. */
export interface BenchReport {
  base: SideInfo;
  head: SideInfo;
  runs: { base: number; head: number };
  warmup: number;
  format: ConcreteBenchFormat;
  comparisons: ComparisonRow[];
  geomean: GeomeanRow[];
  method: {
    /** e.g. "interleaved pairs, balanced random order (seed 42)" */
    design: string;
    test: string;
    confidence: number;
    noiseBand: number;
    regressionGate: number;
    /** Looks at which the run could stop, in pairs, and the one it stopped at. */
    looks: number[];
    stoppedAt: number;
    stopReason: 'decided' | 'max-runs' | 'time-budget';
    machine: string;
    command: string;
    durationMs: number;
  };
  /** Report-level caveats (e.g. "output not recognised: measured the process's wall time"). */
  warnings?: string[];
  /** True when any `slower` row's change exceeds the regression gate. */
  regression: boolean;
}
