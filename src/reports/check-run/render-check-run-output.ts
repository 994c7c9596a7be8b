import type { BenchReport } from '../../benchmark/bench-report.ts';
import type { CheckRunOutput } from '../../github/github-client.ts';
import { CHECK_OUTPUT_LIMIT } from '../../github/truncate-check-output.ts';
import { forMarkdownInline } from '../../domain/untrusted-text.ts';
import { fitMarkdownTable, renderLogin } from '../markdown.ts';
import { renderBenchmarkTable } from '../bench-report/render-benchmark-table.ts';
import { renderFailure } from '../failure/render-failure.ts';
import { renderHeadMoved } from '../render-head-moved.ts';
import { renderMethodDetails } from '../bench-report/render-method-details.ts';
import { renderVerdictSummary } from '../bench-report/render-verdict-summary.ts';
import { renderWarnings } from '../bench-report/render-warnings.ts';
import { reportCheckConclusion } from './report-check-conclusion.ts';
import { reportCheckTitle } from './report-check-title.ts';
import type { RunOutcome } from '../run-outcome.ts';
import type { RunKind } from '../run-phases.ts';
import { selectNotableRows } from '../bench-report/select-notable-rows.ts';

/**
 * What the `perf` check run shows when its run ends, shaped like the GitHub port's `CheckRunUpdate` (add
 * `status: 'completed'`). `output.summary` and `output.text` stay within GitHub's limit.
 */
export interface CheckRunRendering {
  conclusion: 'success' | 'failure' | 'neutral' | 'cancelled';
  output: CheckRunOutput;
}

/**
 * The completed `perf` check run for how a run ended:
 * - a report: title from `reportCheckTitle`, conclusion from `reportCheckConclusion` (`failure` on a regression,
 *   `neutral` when the primary metric is inconclusive and nothing is slower, else `success`), the verdict summary
 *   and the table of notable rows (all rows when none is notable) as summary, and every comparison, the warnings
 *   and "How we measured" as text. Tables lose their last rows, with a note, rather than exceed the limit;
 * - a failure: `failure`, the failure's title, and the same block as the PR comment;
 * - cancelled, head moved, superseded: `cancelled`.
 */
export function renderCheckRunOutput(outcome: RunOutcome, kind: RunKind = 'bench'): CheckRunRendering {
  switch (outcome.type) {
    case 'report':
      return renderReportOutput(outcome.report);
    case 'failed':
      return checkRun('failure', forMarkdownInline(outcome.failure.title, 200), renderFailure(outcome.failure));
    case 'cancelled': {
      const by = outcome.by === undefined ? '' : ` by ${renderLogin(outcome.by)}`;
      return checkRun('cancelled', 'Cancelled', `🚫 The run was cancelled${by} before it finished.`);
    }
    case 'head-moved':
      return checkRun(
        'cancelled',
        "Stopped: the pull request's head moved",
        renderHeadMoved({ ...outcome, command: kind === 'bench' ? '/perf bench' : '/perf optimize' }),
      );
  }
}

function renderReportOutput(report: BenchReport): CheckRunRendering {
  const { confidence } = report.method;
  const notable = selectNotableRows(report.comparisons);
  const mainRows = notable.length > 0 ? notable : report.comparisons;
  const summary = withinLimit([
    renderVerdictSummary(report),
    { table: renderBenchmarkTable(mainRows, { confidence }) },
  ]);

  const warnings = renderWarnings(report.comparisons, report.warnings);
  const text = withinLimit([
    {
      heading: '**All comparisons**',
      table: renderBenchmarkTable(report.comparisons, { confidence, variant: 'full' }),
    },
    warnings === '' ? '' : `**⚠️ Warnings**\n\n${warnings}`,
    `**How we measured**\n\n${renderMethodDetails(report)}`,
  ]);
  return { conclusion: reportCheckConclusion(report), output: { title: reportCheckTitle(report), summary, text } };
}

function checkRun(conclusion: CheckRunRendering['conclusion'], title: string, summary: string): CheckRunRendering {
  return { conclusion, output: { title, summary } };
}

/** A table that may lose rows to fit, under an optional heading (dropped with the table when nothing fits). */
interface TableSection {
  heading?: string;
  table: string;
}

/**
 * Joins the non-empty sections with blank lines, within GitHub's limit. Text sections are short and bounded;
 * the one table gets what is left and is cut (see `fitMarkdownTable`).
 */
function withinLimit(sections: readonly (string | TableSection)[]): string {
  const separator = '\n\n';
  const fixed = sections.reduce(
    (sum, section) =>
      sum +
      separator.length +
      (typeof section === 'string' ? section.length : (section.heading?.length ?? 0) + separator.length),
    0,
  );
  return sections
    .map((section) => {
      if (typeof section === 'string') return section;
      const table = fitMarkdownTable(section.table, CHECK_OUTPUT_LIMIT - fixed);
      if (table === '' || section.heading === undefined) return table;
      return `${section.heading}${separator}${table}`;
    })
    .filter((section) => section !== '')
    .join(separator);
}
