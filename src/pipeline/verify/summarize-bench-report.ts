import type { BenchReport, ComparisonRow } from '../../benchmark/bench-report.ts';
import { metricKind } from '../../reports/metric-kind.ts';
import type { BenchFigure, BenchSnapshot, PrimaryChange, VerifySnapshot } from '../bench-snapshot.ts';
import { selectSpeedFigure } from './select-speed-figure.ts';

/** The BENCHMARK phase's baseline: the base side's medians of time and memory per benchmark. */
export function summarizeBaseline(report: BenchReport, reportJsonPath: string): BenchSnapshot {
  return { reportJsonPath, sha: report.base.sha, figures: figures(report.comparisons, 'base') };
}

/** A VERIFY run: the head side's medians and the headline change (see `selectSpeedFigure`). */
export function summarizeVerify(
  report: BenchReport,
  options: { iteration: number; reportJsonPath: string; preferredBenchmark?: string },
): VerifySnapshot {
  const snapshot: VerifySnapshot = {
    reportJsonPath: options.reportJsonPath,
    sha: report.head.sha,
    figures: figures(report.comparisons, 'head'),
    iteration: options.iteration,
  };
  const primary = primaryChange(report, options.preferredBenchmark);
  if (primary !== undefined) snapshot.primary = primary;
  return snapshot;
}

function figures(rows: readonly ComparisonRow[], side: 'base' | 'head'): BenchFigure[] {
  return rows
    .filter((row) => ['time', 'memory'].includes(metricKind(row.metric, row.unit)) && Number.isFinite(row[side].median))
    .map((row) => ({ benchmark: row.benchmark, metric: row.metric, unit: row.unit, median: row[side].median }));
}

function primaryChange(report: BenchReport, preferred: string | undefined): PrimaryChange | undefined {
  const figure = selectSpeedFigure(report.comparisons, report.geomean, preferred);
  if (figure === undefined || !Number.isFinite(figure.row.change)) return undefined;
  const { change, ci } = figure.row;
  const scope: PrimaryChange['scope'] =
    figure.kind === 'geomean'
      ? { kind: 'geomean', count: figure.row.count }
      : { kind: 'benchmark', benchmark: figure.row.benchmark };
  // Time is lower-is-better, so a negative change is an improvement.
  return { metric: 'time', scope, change, ci: [ci[0], ci[1]], improvement: -change };
}
