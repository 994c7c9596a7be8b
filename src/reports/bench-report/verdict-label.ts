import type { ComparisonRow } from '../../benchmark/bench-report.ts';
import { formatPercent } from '../format.ts';
import { metricKind } from '../metric-kind.ts';
import { metricWords } from './metric-words.ts';

/**
 * The verdict cell of a table row: `🔴 slower`, `🟢 less memory`, `⚪ unchanged`, `❔ inconclusive (±6.1%)`.
 * Inconclusive rows always state their minimum detectable effect, so "we could not tell" is never silent —
 * except when the interval excludes zero: then a change was seen, just not one clearly beyond the noise band,
 * and `🟡 small change` says so instead of claiming changes up to ±MDE could not be ruled out.
 */
export function verdictLabel(
  row: Pick<ComparisonRow, 'metric' | 'unit' | 'verdict' | 'mde'> & Partial<Pick<ComparisonRow, 'ci'>>,
): string {
  const words = metricWords(metricKind(row.metric, row.unit));
  switch (row.verdict) {
    case 'slower':
      return `🔴 ${words.worse}`;
    case 'faster':
      return `🟢 ${words.better}`;
    case 'unchanged':
      return '⚪ unchanged';
    case 'inconclusive':
      if (row.ci && (row.ci[0] > 0 || row.ci[1] < 0)) return '🟡 small change (near the noise band)';
      return `❔ inconclusive (±${formatPercent(row.mde)})`;
  }
}
