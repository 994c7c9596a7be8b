import type { BenchReport } from '../../benchmark/bench-report.ts';
import type { Verdict } from '../../benchmark/stats/metric-comparison.ts';
import { codeSpan } from '../markdown.ts';
import { countVerdicts } from './count-verdicts.ts';
import { metricKind } from '../metric-kind.ts';
import { metricWords } from './metric-words.ts';
import { benchmarkNoun, tallyVerdicts } from './tally-verdicts.ts';

const VERDICT_ORDER: readonly Verdict[] = ['slower', 'faster', 'unchanged', 'inconclusive'];

/**
 * One clause per metric other than `primary`, in report order, listing only the verdicts that occurred:
 * `Other metrics — `MB/s`: 1 of 1 benchmark faster; `B/op`: 1 of 2 benchmarks more memory, 1 unchanged.`
 * Empty string when the report has a single metric.
 */
export function renderOtherMetrics(report: BenchReport, primary: string): string {
  const metrics = [...new Set(report.comparisons.map((row) => row.metric))].filter((metric) => metric !== primary);
  if (metrics.length === 0) return '';
  const parts = metrics.map((metric) => {
    const rows = report.comparisons.filter((row) => row.metric === metric);
    const counts = countVerdicts(rows);
    if (counts.unchanged === counts.total) {
      const scope = counts.total === 1 ? '1 benchmark' : `any of ${counts.total} ${benchmarkNoun(counts.total)}`;
      return `${codeSpan(metric)}: no significant change on ${scope}`;
    }
    const first = rows[0];
    const words = metricWords(first ? metricKind(first.metric, first.unit) : 'other');
    const present = VERDICT_ORDER.filter((verdict) => counts[verdict] > 0);
    return `${codeSpan(metric)}: ${tallyVerdicts(counts, words, present, { withTotal: true })}`;
  });
  return `Other metrics — ${parts.join('; ')}.`;
}
