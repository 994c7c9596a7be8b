import type { BenchReport, ComparisonRow } from '../benchmark/bench-report.ts';
import type { Verdict } from '../benchmark/stats/metric-comparison.ts';
import { codeSpan } from './code-span.ts';
import { countVerdicts, type VerdictCounts } from './count-verdicts.ts';
import { formatChange, formatPercent } from './format-change.ts';
import { formatConfidence } from './format-confidence.ts';
import { metricKind } from './metric-kind.ts';
import { metricWords, type MetricWords } from './metric-words.ts';
import { primaryMetric } from './primary-metric.ts';
import { selectNotableRows } from './select-notable-rows.ts';

/**
 * The first thing a reader sees: the verdict on the primary metric (`time` when present), then how the
 * other metrics moved. One sentence per case, chosen by the counts of slower / faster rows:
 *
 * - one slower (or one faster): `🔴 **Head is 23.4% slower** on `parse` (95% CI …); 1 of 5 benchmarks slower, …`
 * - several slower (or several faster): `🔴 **Head is slower on 3 of 5 benchmarks** (up to …; geometric mean …); …`
 * - both: `🔴 **Mixed: head is slower on 2 and faster on 1 of 5 benchmarks** (geometric mean …); …`
 * - neither, some inconclusive: `❔ **Inconclusive on 2 of 5 benchmarks**: could not rule out changes up to ±6.1% …`
 * - all unchanged: `⚪ **No significant change** on any of 5 benchmarks (noise band ±2.0%).`
 *
 * A sentence about the regression gate follows whenever any row is slower.
 */
export function renderVerdictSummary(report: BenchReport): string {
  const metric = primaryMetric(report.comparisons);
  if (metric === undefined) return '❔ **No benchmark results to compare.**';
  const rows = report.comparisons.filter((row) => row.metric === metric);
  const headline = renderHeadline(report, metric, rows) + renderGateSentence(report);
  const others = renderOtherMetrics(report, metric);
  return others === '' ? headline : `${headline}\n\n${others}`;
}

function renderHeadline(report: BenchReport, metric: string, rows: ComparisonRow[]): string {
  const counts = countVerdicts(rows);
  const words = wordsFor(rows[0]);
  const confidence = formatConfidence(report.method.confidence);
  const geomean = report.geomean.find((row) => row.metric === metric);
  const geomeanText = geomean
    ? `geometric mean ${formatChange(geomean.change)}, ${ciText(confidence, geomean.ci)}`
    : undefined;
  const of = `of ${counts.total} ${noun(counts.total)}`;
  const notable = selectNotableRows(rows);
  const topOf = (verdict: Verdict) => notable.find((row) => row.verdict === verdict) as ComparisonRow;

  if (counts.slower > 0 && counts.faster > 0) {
    const detail = geomeanText ? ` (${geomeanText})` : '';
    return (
      `🔴 **Mixed: head ${words.verb} ${words.worse} on ${counts.slower} and ${words.better} on ${counts.faster} ${of}**` +
      `${detail}; ${tally(counts, words, ['unchanged', 'inconclusive'])}.`
    );
  }
  for (const [verdict, emoji] of [['slower', '🔴'], ['faster', '🟢']] as const) {
    if (counts[verdict] === 0) continue;
    const other = verdict === 'slower' ? 'faster' : 'slower';
    const top = topOf(verdict);
    if (counts[verdict] === 1) {
      return (
        `${emoji} **Head ${describeEffect(top)}** on ${codeSpan(top.benchmark)} (${ciText(confidence, top.ci)}); ` +
        `${tally(counts, words, [verdict, other, 'unchanged', 'inconclusive'], true)}.`
      );
    }
    const word = verdict === 'slower' ? words.worse : words.better;
    const detail = [`up to ${formatChange(top.change)} on ${codeSpan(top.benchmark)}`, geomeanText].filter(Boolean);
    return (
      `${emoji} **Head ${words.verb} ${word} on ${counts[verdict]} ${of}** (${detail.join('; ')}); ` +
      `${tally(counts, words, [other, 'unchanged', 'inconclusive'])}.`
    );
  }
  if (counts.inconclusive > 0) {
    const widest = topOf('inconclusive');
    return (
      `❔ **Inconclusive on ${counts.inconclusive} ${of}**: could not rule out changes up to ` +
      `±${formatPercent(widest.mde)} (on ${codeSpan(widest.benchmark)}); ` +
      `${tally(counts, words, ['slower', 'faster', 'unchanged'])}.`
    );
  }
  const where = rows.length === 1 && rows[0] ? codeSpan(rows[0].benchmark) : `any of ${counts.total} benchmarks`;
  return `⚪ **No significant change** on ${where} (noise band ±${formatPercent(report.method.noiseBand)}).`;
}

/** "23.4% slower" reads right for time; memory, throughput and other metrics get their own phrasing. */
function describeEffect(row: ComparisonRow): string {
  const size = formatPercent(row.change);
  const up = row.change > 0;
  switch (metricKind(row.metric, row.unit)) {
    case 'time':
      return `is ${size} ${up ? 'slower' : 'faster'}`;
    case 'throughput':
      return `has ${size} ${up ? 'higher' : 'lower'} throughput`;
    case 'memory':
      return `uses ${size} ${up ? 'more' : 'less'} memory`;
    case 'other':
      return `has ${size} ${up ? 'higher' : 'lower'} ${codeSpan(row.metric)}`;
  }
}

function renderGateSentence(report: BenchReport): string {
  const gate = formatPercent(report.method.regressionGate);
  if (report.regression) return ` Exceeds the ${gate} regression gate.`;
  if (report.comparisons.some((row) => row.verdict === 'slower')) {
    return ` No slowdown exceeds the ${gate} regression gate.`;
  }
  return '';
}

function renderOtherMetrics(report: BenchReport, primary: string): string {
  const metrics = [...new Set(report.comparisons.map((row) => row.metric))].filter((metric) => metric !== primary);
  if (metrics.length === 0) return '';
  const parts = metrics.map((metric) => {
    const rows = report.comparisons.filter((row) => row.metric === metric);
    const counts = countVerdicts(rows);
    const summary =
      counts.unchanged === counts.total
        ? `no significant change on any of ${counts.total} ${noun(counts.total)}`
        : tally(counts, wordsFor(rows[0]), ['slower', 'faster', 'unchanged', 'inconclusive'], true);
    return `${codeSpan(metric)}: ${summary}`;
  });
  return `Other metrics — ${parts.join('; ')}.`;
}

/** `1 of 5 benchmarks slower, none faster, 3 unchanged, 1 inconclusive` (the total only with `withTotal`). */
function tally(counts: VerdictCounts, words: MetricWords, order: Verdict[], withTotal = false): string {
  return order
    .map((verdict, index) => {
      const count = counts[verdict] === 0 ? 'none' : `${counts[verdict]}`;
      const total = withTotal && index === 0 ? ` of ${counts.total} ${noun(counts.total)}` : '';
      return `${count}${total} ${verdictWord(verdict, words)}`;
    })
    .join(', ');
}

function verdictWord(verdict: Verdict, words: MetricWords): string {
  if (verdict === 'slower') return words.worse;
  if (verdict === 'faster') return words.better;
  return verdict;
}

function wordsFor(row: ComparisonRow | undefined): MetricWords {
  return metricWords(row ? metricKind(row.metric, row.unit) : 'other');
}

function ciText(confidence: string, ci: readonly [number, number]): string {
  return `${confidence} CI ${formatChange(ci[0])} to ${formatChange(ci[1])}`;
}

function noun(count: number): string {
  return count === 1 ? 'benchmark' : 'benchmarks';
}
