import type { ComparisonRow } from '../benchmark/bench-report.ts';
import { formatPercent } from './format-change.ts';
import { metricKind } from './metric-kind.ts';
import { metricWords } from './metric-words.ts';

/**
 * The verdict cell of a table row: `🔴 slower`, `🟢 less memory`, `⚪ unchanged`, `❔ inconclusive (±6.1%)`.
 * Inconclusive rows always state their minimum detectable effect, so "we could not tell" is never silent.
 */
export function verdictLabel(row: Pick<ComparisonRow, 'metric' | 'unit' | 'verdict' | 'mde'>): string {
  const words = metricWords(metricKind(row.metric, row.unit));
  switch (row.verdict) {
    case 'slower':
      return `🔴 ${words.worse}`;
    case 'faster':
      return `🟢 ${words.better}`;
    case 'unchanged':
      return '⚪ unchanged';
    case 'inconclusive':
      return `❔ inconclusive (±${formatPercent(row.mde)})`;
  }
}
