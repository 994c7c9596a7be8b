import type { ComparisonRow } from '../../benchmark/bench-report.ts';
import { primaryMetric } from './primary-metric.ts';

/**
 * The rows worth a reader's attention, in reading order: significant changes (slower or faster), then
 * inconclusive rows. Within each group the primary metric (`time`) comes first, because the headline is about
 * it; then rows by size of change (significant) or by minimum detectable effect (inconclusive), largest first.
 * Ties break on benchmark name, then metric, so the order never depends on the engine's row order.
 */
export function selectNotableRows(rows: readonly ComparisonRow[]): ComparisonRow[] {
  const primary = primaryMetric(rows);
  const rank = (row: ComparisonRow) => (row.metric === primary ? 0 : 1);
  const significant = rows
    .filter((row) => row.verdict === 'slower' || row.verdict === 'faster')
    .sort((a, b) => rank(a) - rank(b) || compareByChangeSize(a, b));
  const inconclusive = rows
    .filter((row) => row.verdict === 'inconclusive')
    .sort((a, b) => rank(a) - rank(b) || byDescending(a.mde, b.mde) || byName(a, b));
  return [...significant, ...inconclusive];
}

/** Largest |change| first (non-finite changes last), then by benchmark name and metric. */
export function compareByChangeSize(a: ComparisonRow, b: ComparisonRow): number {
  return byDescending(Math.abs(a.change), Math.abs(b.change)) || byName(a, b);
}

function byDescending(a: number, b: number): number {
  const left = Number.isFinite(a) ? a : -Infinity;
  const right = Number.isFinite(b) ? b : -Infinity;
  return left === right ? 0 : left > right ? -1 : 1;
}

/** Code-unit order, not locale order, so output is identical on every machine. */
function byName(a: ComparisonRow, b: ComparisonRow): number {
  return compareStrings(a.benchmark, b.benchmark) || compareStrings(a.metric, b.metric);
}

function compareStrings(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}
