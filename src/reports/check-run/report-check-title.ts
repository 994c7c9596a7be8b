import type { BenchReport, ComparisonRow } from '../../benchmark/bench-report.ts';
import { forMarkdownInline } from '../../domain/untrusted-text.ts';
import { formatPercent } from '../format.ts';
import { countVerdicts } from '../bench-report/count-verdicts.ts';
import { metricKind } from '../metric-kind.ts';
import { metricWords } from '../bench-report/metric-words.ts';
import { primaryRows } from '../bench-report/primary-rows.ts';
import { compareByChangeSize, selectNotableRows } from '../bench-report/select-notable-rows.ts';
import { benchmarkNoun } from '../bench-report/tally-verdicts.ts';

/**
 * A one-line, plain-text check run title (GitHub shows it unrendered next to the check's name):
 * `sort 43.0% slower (gate 5.0%)`, `parse 12.0% more memory and 1 more (gate 5.0%)`,
 * `3 of 5 benchmarks faster, up to 18.0%`, `Inconclusive on 2 of 3 benchmarks`, `No significant change on 3 benchmarks`.
 * A failing gate always leads, whichever metric fails it. Benchmark names are cleaned and capped.
 */
export function reportCheckTitle(report: BenchReport): string {
  const gate = formatPercent(report.method.regressionGate);
  if (report.regression) {
    const offenders = report.comparisons
      .filter((row) => row.verdict === 'slower' && Math.abs(row.change) > report.method.regressionGate)
      .sort(compareByChangeSize);
    const [top] = offenders;
    if (top !== undefined) {
      const more = offenders.length > 1 ? ` and ${offenders.length - 1} more` : '';
      return `${describeRow(top, 'slower')}${more} (gate ${gate})`;
    }
    return `Fails the ${gate} regression gate`;
  }
  const rows = primaryRows(report.comparisons);
  const first = rows[0];
  if (first === undefined) return 'No benchmark results to compare';
  const words = metricWords(metricKind(first.metric, first.unit));
  const counts = countVerdicts(rows);
  const of = `of ${counts.total} ${benchmarkNoun(counts.total)}`;
  const notable = selectNotableRows(rows);
  if (counts.slower > 0 && counts.faster > 0) {
    return `Mixed: ${counts.slower} ${words.worse}, ${counts.faster} ${words.better} ${of} (within the ${gate} gate)`;
  }
  for (const verdict of ['slower', 'faster'] as const) {
    const count = counts[verdict];
    const top = notable.find((row) => row.verdict === verdict);
    if (count === 0 || top === undefined) continue;
    const within = verdict === 'slower' ? ` (within the ${gate} gate)` : '';
    if (count === 1) return `${describeRow(top, verdict)}${within}`;
    const word = verdict === 'slower' ? words.worse : words.better;
    return `${count} ${of} ${word}, up to ${formatPercent(top.change)}${within}`;
  }
  if (counts.inconclusive > 0) return `Inconclusive on ${counts.inconclusive} ${of}`;
  return `No significant change on ${counts.total} ${benchmarkNoun(counts.total)}`;
}

/** `sort 43.0% slower`, `BenchmarkEncode-8 12.0% more memory`, `x 6.0% worse (allocs/op)`. */
function describeRow(row: ComparisonRow, verdict: 'slower' | 'faster'): string {
  const kind = metricKind(row.metric, row.unit);
  const words = metricWords(kind);
  const metric = kind === 'other' ? ` (${forMarkdownInline(row.metric, 30)})` : '';
  const word = verdict === 'slower' ? words.worse : words.better;
  return `${forMarkdownInline(row.benchmark, 60)} ${formatPercent(row.change)} ${word}${metric}`;
}
