import type { BenchReport, ComparisonRow } from '../../benchmark/bench-report.ts';
import { compareByChangeSize } from './select-notable-rows.ts';

/**
 * The rows that fail the regression gate: slower by more than `method.regressionGate`, largest change first.
 * They are what the `perf` check run fails on, and what `/perf ack` waives.
 */
export function gateOffenders(report: BenchReport): ComparisonRow[] {
  const gate = report.method.regressionGate;
  return report.comparisons
    .filter((row) => row.verdict === 'slower' && Math.abs(row.change) > gate)
    .sort(compareByChangeSize);
}
