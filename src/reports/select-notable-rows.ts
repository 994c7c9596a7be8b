import type { ComparisonRow } from '../benchmark/bench-report.ts';

/**
 * The rows worth a reader's attention, in reading order: significant changes (slower or faster) by size of
 * change, largest first, then inconclusive rows by their minimum detectable effect, largest first.
 * Ties break on benchmark name, then metric, so the order never depends on the engine's row order.
 */
export function selectNotableRows(rows: readonly ComparisonRow[]): ComparisonRow[] {
  const significant = rows
    .filter((row) => row.verdict === 'slower' || row.verdict === 'faster')
    .sort((a, b) => byDescending(Math.abs(a.change), Math.abs(b.change)) || byName(a, b));
  const inconclusive = rows
    .filter((row) => row.verdict === 'inconclusive')
    .sort((a, b) => byDescending(a.mde, b.mde) || byName(a, b));
  return [...significant, ...inconclusive];
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
