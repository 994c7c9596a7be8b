import type { BenchReport, ComparisonRow } from '../../benchmark/bench-report.ts';
import type { Verdict } from '../../benchmark/stats/metric-comparison.ts';
import { codeSpan } from '../markdown.ts';
import { formatChange, formatConfidence, formatPercent } from '../format.ts';
import { countVerdicts } from './count-verdicts.ts';
import { describeEffect } from './describe-effect.ts';
import { metricKind } from '../metric-kind.ts';
import { metricWords } from './metric-words.ts';
import { primaryMetric } from './primary-metric.ts';
import { primaryRows } from './primary-rows.ts';
import { renderOtherMetrics } from './render-other-metrics.ts';
import { renderRegressionGate } from './render-regression-gate.ts';
import { selectNotableRows } from './select-notable-rows.ts';
import { benchmarkNoun, tallyVerdicts } from './tally-verdicts.ts';

/**
 * The first thing a reader sees: the verdict on the primary metric (`time` when present), then the regression
 * gate, then how the other metrics moved. One sentence per case, chosen by the counts of slower / faster rows:
 *
 * - one slower (or faster): `🔴 **Head is 23.4% slower** on `parse` (95% CI …); 1 of 5 benchmarks slower, …`
 * - several slower (or faster): `🔴 **Head is slower on 3 of 5 benchmarks** (up to …; geometric mean …); …`
 * - both: `🔴 **Mixed: head is slower on 2 and faster on 1 of 5 benchmarks** (geometric mean …); …`
 * - neither, some inconclusive: `❔ **Inconclusive on 2 of 5 benchmarks**: could not rule out changes up to ±6.1% …`
 * - all unchanged: `⚪ **No significant change** on any of 5 benchmarks (noise band ±2.0%).`
 *
 * When the gate fails only because of other metrics (say memory under a green time headline), the gate
 * sentence leads, with the failing rows named: a failing check never sits behind a green headline.
 */
export function renderVerdictSummary(report: BenchReport): string {
  const metric = primaryMetric(report.comparisons);
  if (metric === undefined) return '❔ **No benchmark results to compare.**';
  // The whole-run row measures the process, not a benchmark: it leads only when nothing was parsed.
  const rows = primaryRows(report.comparisons);
  const headline = renderHeadline(report, metric, rows);
  const gate = renderRegressionGate(report, metric);
  const others = renderOtherMetrics(report, metric);
  const gateLeads = report.regression && rows.every((row) => row.verdict !== 'slower');
  const paragraphs = gateLeads
    ? [`🔴 ${gate}`, headline, others]
    : [gate === '' ? headline : `${headline} ${gate}`, others];
  return paragraphs.filter((paragraph) => paragraph !== '').join('\n\n');
}

function renderHeadline(report: BenchReport, metric: string, rows: readonly ComparisonRow[]): string {
  const counts = countVerdicts(rows);
  const first = rows[0];
  const words = metricWords(first ? metricKind(first.metric, first.unit) : 'other');
  const confidence = formatConfidence(report.method.confidence);
  const geomean = report.geomean.find((row) => row.metric === metric);
  const geomeanText = geomean && `geometric mean ${formatChange(geomean.change)}, ${ciText(confidence, geomean.ci)}`;
  const of = `of ${counts.total} ${benchmarkNoun(counts.total)}`;
  const notable = selectNotableRows(rows);
  const topOf = (verdict: Verdict) => notable.find((row) => row.verdict === verdict) as ComparisonRow;

  if (counts.slower > 0 && counts.faster > 0) {
    const detail = geomeanText ? ` (${geomeanText})` : '';
    const rest = tallyVerdicts(counts, words, ['unchanged', 'inconclusive']);
    const mixed = `head ${words.verb} ${words.worse} on ${counts.slower} and ${words.better} on ${counts.faster} ${of}`;
    return `🔴 **Mixed: ${mixed}**${detail}; ${rest}.`;
  }
  for (const [verdict, other, emoji] of [
    ['slower', 'faster', '🔴'],
    ['faster', 'slower', '🟢'],
  ] as const) {
    if (counts[verdict] === 0) continue;
    const top = topOf(verdict);
    if (counts[verdict] === 1) {
      const all = tallyVerdicts(counts, words, [verdict, other, 'unchanged', 'inconclusive'], { withTotal: true });
      const where = `${codeSpan(top.benchmark)} (${ciText(confidence, top.ci)})`;
      return `${emoji} **Head ${describeEffect(top)}** on ${where}; ${all}.`;
    }
    const word = verdict === 'slower' ? words.worse : words.better;
    const detail = [`up to ${formatChange(top.change)} on ${codeSpan(top.benchmark)}`, geomeanText].filter(Boolean);
    const rest = tallyVerdicts(counts, words, [other, 'unchanged', 'inconclusive']);
    return `${emoji} **Head ${words.verb} ${word} on ${counts[verdict]} ${of}** (${detail.join('; ')}); ${rest}.`;
  }
  if (counts.inconclusive > 0) {
    const widest = topOf('inconclusive');
    const rest = tallyVerdicts(counts, words, ['slower', 'faster', 'unchanged']);
    return (
      `❔ **Inconclusive on ${counts.inconclusive} ${of}**: could not rule out changes up to ` +
      `±${formatPercent(widest.mde)} (on ${codeSpan(widest.benchmark)}); ${rest}.`
    );
  }
  const where = first && rows.length === 1 ? codeSpan(first.benchmark) : `any of ${counts.total} benchmarks`;
  const band =
    metric === 'instructions'
      ? (report.method.instructions?.noiseBand ?? report.method.noiseBand)
      : report.method.noiseBand;
  return `⚪ **No significant change** on ${where} (noise band ±${formatPercent(band)}).`;
}

function ciText(confidence: string, ci: readonly [number, number]): string {
  return `${confidence} CI ${formatChange(ci[0])} to ${formatChange(ci[1])}`;
}
