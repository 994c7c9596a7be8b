import type { ComparisonRow } from '../../benchmark/bench-report.ts';
import { codeSpan, escapeMarkdownText } from '../markdown.ts';
import { formatChange, formatCi, formatConfidence, formatPercent, formatPValue, formatValue } from '../format.ts';
import { verdictLabel } from './verdict-label.ts';

/** `summary`: the six columns a reader scans; `full`: adds p, n, MDE, noise and outliers for the details block. */
export type TableVariant = 'summary' | 'full';

export interface BenchmarkTableOptions {
  /** Confidence level of the intervals, shown in the CI column header (`0.95` → `95% CI`). */
  confidence: number;
  variant?: TableVariant;
}

/**
 * Renders comparison rows as a GFM table, one row per benchmark metric, in the order given.
 *
 * Benchmark and metric names come from untrusted benchmark output, so they are rendered as code spans
 * (no HTML, no mentions, `|` escaped). Rows of metrics other than `time` name their metric next to the
 * benchmark. Returns an empty string for no rows, because a table without rows renders as a bare header.
 */
export function renderBenchmarkTable(rows: readonly ComparisonRow[], options: BenchmarkTableOptions): string {
  if (rows.length === 0) return '';
  const full = options.variant === 'full';
  const ciHeader = `${formatConfidence(options.confidence)} CI`;
  const header = full
    ? ['Benchmark', 'Base', 'Head', 'Change', ciHeader, 'p', 'n', 'MDE', 'Noise', 'Outliers', 'Verdict']
    : ['Benchmark', 'Base', 'Head', 'Change', ciHeader, 'Verdict'];
  const align = header.map((name) => (name === 'Benchmark' || name === 'Verdict' ? '---' : '--:'));
  const lines = [tableLine(header), tableLine(align)];
  for (const row of rows) {
    const cells = [
      benchmarkCell(row),
      escapeMarkdownText(formatValue(row.base.median, row.unit)),
      escapeMarkdownText(formatValue(row.head.median, row.unit)),
      formatChange(row.change),
      formatCi(row.ci),
    ];
    if (full) {
      cells.push(
        formatPValue(row.p),
        row.base.n === row.head.n ? `${row.base.n}` : `${row.base.n}/${row.head.n}`,
        `±${formatPercent(row.mde)}`,
        formatPercent(row.noise),
        `${row.outliers}`,
      );
    }
    cells.push(verdictLabel(row));
    lines.push(tableLine(cells));
  }
  return lines.join('\n');
}

function benchmarkCell(row: ComparisonRow): string {
  const name = codeSpan(row.benchmark, 'table');
  return row.metric === 'time' ? name : `${name} (${codeSpan(row.metric, 'table')})`;
}

function tableLine(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}
