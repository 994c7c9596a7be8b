import type { BenchSnapshot } from '../pipeline/bench-snapshot.ts';
import { metricKind } from '../reports/metric-kind.ts';
import type { BaselineMeasurement } from './measure-baseline.ts';

/** What the checkpoint keeps of the baseline: the finite medians of time and memory, like `summarizeBaseline`. */
export function summarizeBaselineMeasurement(
  measurement: BaselineMeasurement,
  sha: string,
  reportJsonPath: string,
): BenchSnapshot {
  const figures = measurement.rows
    .filter((row) => ['time', 'memory'].includes(metricKind(row.metric, row.unit)) && Number.isFinite(row.median))
    .map((row) => ({ benchmark: row.benchmark, metric: row.metric, unit: row.unit, median: row.median }));
  return { reportJsonPath, sha, figures };
}
