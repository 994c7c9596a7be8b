import type { ComparisonRow } from '../../benchmark/bench-report.ts';
import { codeSpan, escapeMarkdownText } from '../markdown.ts';

/**
 * A bullet list of the report-level caveats, then every row's caveats, in report order: `- `parse`: cross-check disagrees`.
 * Warning texts may quote benchmark output, so they are escaped like any untrusted text.
 * Empty string when there are none.
 */
export function renderWarnings(rows: readonly ComparisonRow[], reportWarnings: readonly string[] = []): string {
  const lines: string[] = reportWarnings.map((warning) => `- ${escapeMarkdownText(warning)}`);
  for (const row of rows) {
    const subject =
      row.metric === 'time' ? codeSpan(row.benchmark) : `${codeSpan(row.benchmark)} (${codeSpan(row.metric)})`;
    for (const warning of row.warnings) lines.push(`- ${subject}: ${escapeMarkdownText(warning)}`);
  }
  return lines.join('\n');
}
