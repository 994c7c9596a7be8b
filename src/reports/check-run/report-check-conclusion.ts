import type { BenchReport } from '../../benchmark/bench-report.ts';
import { primaryRows } from '../bench-report/primary-rows.ts';

export type ReportCheckConclusion = 'success' | 'failure' | 'neutral';

/**
 * The check run conclusion for a finished report:
 * - `failure` when a slowdown exceeds the regression gate (`report.regression`, any metric);
 * - `neutral` when no primary-metric row (time, when measured) is slower but some are inconclusive, or there
 *   were no results: the run could not vouch for the change, but found nothing against it either;
 * - `success` otherwise: everything decided, and any slowdown is within the gate.
 */
export function reportCheckConclusion(report: BenchReport): ReportCheckConclusion {
  if (report.regression) return 'failure';
  const rows = primaryRows(report.comparisons);
  if (rows.length === 0) return 'neutral';
  const anySlower = rows.some((row) => row.verdict === 'slower');
  const anyInconclusive = rows.some((row) => row.verdict === 'inconclusive');
  return anyInconclusive && !anySlower ? 'neutral' : 'success';
}
