import type { ComparisonRow } from '../../benchmark/bench-report.ts';
import { WHOLE_RUN } from '../../benchmark/observation.ts';
import { primaryMetric } from './primary-metric.ts';

/**
 * The rows the headline is about: those of the primary metric (see `primaryMetric`), without the whole-run row
 * when any benchmark was parsed (it measures the process, not a benchmark). Same selection as the verdict summary.
 */
export function primaryRows(rows: readonly ComparisonRow[]): ComparisonRow[] {
  const metric = primaryMetric(rows);
  const ofMetric = rows.filter((row) => row.metric === metric);
  const parsed = ofMetric.filter((row) => row.benchmark !== WHOLE_RUN);
  return parsed.length > 0 ? parsed : ofMetric;
}
