import type { Verdict } from './stats/metric-comparison.ts';
import type { InstructionMethod } from './instructions/instruction-counter.ts';
import type { TimedLookPlan } from './plan-timed-looks.ts';
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

/** A calibration applied to a run (`describeCalibration` in the engine). */
export interface CalibrationMethod {
  /** ISO date of the A/A run, and the machine it ran on. */
  measuredAt: string;
  machine: string;
  /** The decisive metric with the largest calibrated noise, and that noise (SD of per-pair log-ratios). */
  benchmark: string;
  metric: string;
  noise: number;
  /** Pairs whose detectable change is within the noise band; null when no number of pairs gets there. */
  neededPairs: number | null;
  /** The last planned look, and the smallest change it detects with 80% power (fraction). */
  plannedPairs: number;
  detectable: number;
}

/**
 * `fixed`: `planLooks(runs.min, runs.max)`, decided before the run. `time-planned`: after the first look's pairs,
 * as many looks as fit the time budget at the measured pace, up to `maxPairs` (`planTimedLooks`).
 */
export type ScheduleMethod =
  | { kind: 'fixed' }
  | {
      kind: 'time-planned';
      perPairMs: number;
      budgetMs: number;
      maxPairs: number;
      limitedBy: TimedLookPlan['limitedBy'];
    };

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
    /** How the looks were chosen; absent in reports made before time-planned runs (fixed). */
    schedule?: ScheduleMethod;
    machine: string;
    /** How the commands were isolated (the sandbox's description); absent in reports made before the sandbox. */
    isolation?: string;
    command: string;
    durationMs: number;
    /** Set when this repository has a calibration on this machine: what it says this run can detect. */
    calibration?: CalibrationMethod;
    /** Set when `benchmark.measure` is `instructions`: how the `instructions` rows were counted and attributed. */
    instructions?: InstructionMethod;
  };
  /** Report-level caveats (e.g. "output not recognised: measured the process's wall time"). */
  warnings?: string[];
  /** True when any `slower` row's change exceeds the regression gate. */
  regression: boolean;
}
