import type { BenchReport } from '../../benchmark/bench-report.ts';
import { MAX_CHART_BARS, renderChangeChart } from './render-change-chart.ts';
import { renderBenchmarkTable } from './render-benchmark-table.ts';
import { renderDetails } from '../markdown.ts';
import { renderGeomeanTable } from './render-geomean-table.ts';
import { renderInstructionNote } from './render-instruction-method.ts';
import { renderMethodDetails } from './render-method-details.ts';
import { renderVerdictSummary } from './render-verdict-summary.ts';
import { renderWarnings } from './render-warnings.ts';
import { selectNotableRows } from './select-notable-rows.ts';

/**
 * The full Markdown report for a PR comment or `bench` output, in reading order:
 *
 * 1. the verdict summary, then `afterVerdict` (Markdown paragraphs, e.g. a `/perf ack` line);
 * 2. a table of the rows that matter: slower/faster by size of change, then inconclusive by MDE; for an
 *    instruction-count run, which counter was used and what counts cannot see;
 * 3. warnings;
 * 4. the geometric mean per metric;
 * 5. collapsed: a Mermaid chart of head time as % of base (top {@link MAX_CHART_BARS}), all comparisons with
 *    p, n, MDE, noise and outliers, and "How we measured".
 *
 * Pure and deterministic: the same report always renders the same text. Ends with a newline.
 */
export function renderBenchReport(report: BenchReport, options: { afterVerdict?: readonly string[] } = {}): string {
  const { confidence } = report.method;
  const sections = [renderVerdictSummary(report), ...(options.afterVerdict ?? [])];

  const notable = renderBenchmarkTable(selectNotableRows(report.comparisons), { confidence });
  if (notable !== '') sections.push(notable);
  if (report.method.instructions !== undefined) sections.push(renderInstructionNote(report.method.instructions));

  const warnings = renderWarnings(report.comparisons, report.warnings);
  if (warnings !== '') sections.push(`**⚠️ Warnings**\n\n${warnings}`);

  const geomean = renderGeomeanTable(report.geomean, confidence);
  if (geomean !== '') sections.push(`**Geometric mean**\n\n${geomean}`);

  const timeRows = report.comparisons.filter((row) => row.metric === 'time');
  const chart = renderChangeChart(timeRows);
  if (chart !== '') {
    const shown = Math.min(timeRows.length, MAX_CHART_BARS);
    const scope = shown < timeRows.length ? `top ${shown} of ${timeRows.length} by size` : `${shown} benchmarks`;
    sections.push(renderDetails(`Chart: head time as % of base (${scope})`, chart));
  }

  const count = report.comparisons.length;
  if (count > 0) {
    const all = renderBenchmarkTable(report.comparisons, { confidence, variant: 'full' });
    sections.push(renderDetails(`All ${count} ${count === 1 ? 'comparison' : 'comparisons'}`, all));
  }

  sections.push(renderDetails('How we measured', renderMethodDetails(report)));
  return `${sections.join('\n\n')}\n`;
}
