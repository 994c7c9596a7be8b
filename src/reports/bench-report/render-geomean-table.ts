import type { GeomeanRow } from '../../benchmark/bench-report.ts';
import { codeSpan } from '../markdown.ts';
import { formatChange, formatCi, formatConfidence } from '../format.ts';

/** One row per metric: the geometric mean of head/base over all its benchmarks. Empty string for no rows. */
export function renderGeomeanTable(rows: readonly GeomeanRow[], confidence: number): string {
  if (rows.length === 0) return '';
  const lines = [
    `| Metric | Geometric mean change | ${formatConfidence(confidence)} CI | Benchmarks |`,
    '| --- | --: | --: | --: |',
    ...rows.map(
      (row) =>
        `| ${codeSpan(row.metric, 'table')} | ${formatChange(row.change)} | ${formatCi(row.ci)} | ${row.count} |`,
    ),
  ];
  return lines.join('\n');
}
