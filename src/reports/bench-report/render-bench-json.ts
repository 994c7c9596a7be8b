import type { BenchReport, ComparisonRow, GeomeanRow } from '../../benchmark/bench-report.ts';
import type { ConcreteBenchFormat } from '../../benchmark/parsers/parsed-result.ts';
import type { Verdict } from '../../benchmark/stats/metric-comparison.ts';

/** A number in the public JSON: `null` where the engine produced NaN or ±Infinity (JSON has no such values). */
export type JsonNumber = number | null;

/** One row of `bench --json`. The first ten keys are the stable contract; the rest are documented extras. */
export interface BenchJsonComparison {
  benchmark: string;
  metric: string;
  unit: string;
  base: { median: JsonNumber; n: number };
  head: { median: JsonNumber; n: number };
  change: JsonNumber;
  ci: [JsonNumber, JsonNumber];
  p: JsonNumber;
  verdict: Verdict;
  mde: JsonNumber;
  noise: JsonNumber;
  outliers: number;
  warnings: string[];
  lowerIsBetter: boolean;
}

/**
 * The public `bench --json` document. Contract keys: `base`, `head`, `runs`, `comparisons` (and each row's
 * `benchmark, metric, unit, base, head, change, ci, p, verdict`); their names and shapes never change.
 * Extras (`warmup`, `format`, `geomean`, `method`, `regression`, per-row `mde, noise, outliers, warnings,
 * lowerIsBetter`) may grow. Changes and CIs are fractions (`0.123` = +12.3%), values are in `unit`.
 */
export interface BenchJson {
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  runs: { base: number; head: number };
  comparisons: BenchJsonComparison[];
  warmup: number;
  format: ConcreteBenchFormat;
  geomean: { metric: string; change: JsonNumber; ci: [JsonNumber, JsonNumber]; count: number }[];
  method: Omit<BenchReport['method'], 'confidence' | 'noiseBand' | 'regressionGate' | 'durationMs' | 'calibration'> & {
    calibration?: Omit<NonNullable<BenchReport['method']['calibration']>, 'detectable'> & { detectable: JsonNumber };
    confidence: JsonNumber;
    noiseBand: JsonNumber;
    regressionGate: JsonNumber;
    durationMs: JsonNumber;
  };
  /** Report-level caveats: benchmarks only on one side, a filter that matched nothing, unrecognised output. */
  warnings: string[];
  regression: boolean;
}

/**
 * Serializes a report as the public JSON: pretty-printed with 2-space indentation and a trailing newline,
 * keys in a fixed order (contract keys first), every non-finite number mapped to `null`.
 */
export function renderBenchJson(report: BenchReport): string {
  return `${JSON.stringify(toBenchJson(report), null, 2)}\n`;
}

/** The JSON document as a value, for callers that embed it rather than print it. */
export function toBenchJson(report: BenchReport): BenchJson {
  const { method } = report;
  return {
    base: { ref: report.base.ref, sha: report.base.sha },
    head: { ref: report.head.ref, sha: report.head.sha },
    runs: { base: report.runs.base, head: report.runs.head },
    comparisons: report.comparisons.map(toComparison),
    warmup: report.warmup,
    format: report.format,
    geomean: report.geomean.map(toGeomean),
    method: {
      design: method.design,
      test: method.test,
      confidence: finite(method.confidence),
      noiseBand: finite(method.noiseBand),
      regressionGate: finite(method.regressionGate),
      looks: [...method.looks],
      stoppedAt: method.stoppedAt,
      stopReason: method.stopReason,
      ...(method.schedule === undefined ? {} : { schedule: { ...method.schedule } }),
      ...(method.calibration === undefined
        ? {}
        : { calibration: { ...method.calibration, detectable: finite(method.calibration.detectable) } }),
      machine: method.machine,
      ...(method.isolation === undefined ? {} : { isolation: method.isolation }),
      command: method.command,
      durationMs: finite(method.durationMs),
      ...(method.instructions === undefined ? {} : { instructions: structuredClone(method.instructions) }),
    },
    warnings: [...(report.warnings ?? [])],
    regression: report.regression,
  };
}

function toComparison(row: ComparisonRow): BenchJsonComparison {
  return {
    benchmark: row.benchmark,
    metric: row.metric,
    unit: row.unit,
    base: { median: finite(row.base.median), n: row.base.n },
    head: { median: finite(row.head.median), n: row.head.n },
    change: finite(row.change),
    ci: [finite(row.ci[0]), finite(row.ci[1])],
    p: finite(row.p),
    verdict: row.verdict,
    mde: finite(row.mde),
    noise: finite(row.noise),
    outliers: row.outliers,
    warnings: [...row.warnings],
    lowerIsBetter: row.lowerIsBetter,
  };
}

function toGeomean(row: GeomeanRow): BenchJson['geomean'][number] {
  const ci: [JsonNumber, JsonNumber] = [finite(row.ci[0]), finite(row.ci[1])];
  return { metric: row.metric, change: finite(row.change), ci, count: row.count };
}

function finite(value: number): JsonNumber {
  return Number.isFinite(value) ? value : null;
}
