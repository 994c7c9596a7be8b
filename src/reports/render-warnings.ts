import type { ComparisonRow } from '../benchmark/bench-report.ts';
import { codeSpan } from './code-span.ts';
import { escapeMarkdownText } from './escape-markdown-text.ts';

/**
 * A bullet list of every row's caveats, in report order: `- `parse`: cross-check disagrees`.
 * Warning texts may quote benchmark output, so they are escaped like any untrusted text.
 * Empty string when there are none.
 */
export function renderWarnings(rows: readonly ComparisonRow[]): string {
  const lines: string[] = [];
  for (const row of rows) {
    const subject =
      row.metric === 'time' ? codeSpan(row.benchmark) : `${codeSpan(row.benchmark)} (${codeSpan(row.metric)})`;
    for (const warning of row.warnings) lines.push(`- ${subject}: ${escapeMarkdownText(warning)}`);
  }
  return lines.join('\n');
}
