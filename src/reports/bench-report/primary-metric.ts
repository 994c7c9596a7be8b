import type { ComparisonRow } from '../../benchmark/bench-report.ts';

/**
 * The metric that drives the headline: `instructions` when they were counted (`benchmark.measure: instructions`,
 * chosen because time is too noisy to decide on), else `time` when any row measures it (the question a PR author
 * asks is "is it slower?"), otherwise the first metric in report order. Undefined when there are no rows.
 */
export function primaryMetric(rows: readonly Pick<ComparisonRow, 'metric'>[]): string | undefined {
  if (rows.some((row) => row.metric === 'instructions')) return 'instructions';
  if (rows.some((row) => row.metric === 'time')) return 'time';
  return rows[0]?.metric;
}
