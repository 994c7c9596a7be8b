import type { ComparisonRow } from '../../benchmark/bench-report.ts';
import type { Verdict } from '../../benchmark/stats/metric-comparison.ts';

export type VerdictCounts = Record<Verdict, number> & { total: number };

/** How many rows got each verdict. */
export function countVerdicts(rows: readonly Pick<ComparisonRow, 'verdict'>[]): VerdictCounts {
  const counts: VerdictCounts = { faster: 0, slower: 0, unchanged: 0, inconclusive: 0, total: rows.length };
  for (const row of rows) counts[row.verdict]++;
  return counts;
}
