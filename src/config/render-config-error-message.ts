import type { ConfigIssue } from '../domain/errors.ts';
import { formatConfigIssue } from './format-config-issue.ts';
import { PERF_YML_DOCS } from './perf-yml-docs.ts';

/**
 * The message of a `RepoConfigError`: every issue on its own line, each followed by the offending source line
 * and a caret when its position is known, then a pointer to the docs.
 */
export function renderConfigErrorMessage(file: string, issues: readonly ConfigIssue[], source?: string): string {
  const lines = source?.split(/\r?\n/) ?? [];
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const body = issues.flatMap((issue) => [`  ${formatConfigIssue(issue, file)}`, ...excerpt(issue, lines)]);
  return [`${file} has ${count}:`, ...body, `See ${PERF_YML_DOCS} for every key, its default and an example.`].join(
    '\n',
  );
}

function excerpt(issue: ConfigIssue, lines: readonly string[]): string[] {
  if (issue.line === undefined) return [];
  const text = lines[issue.line - 1];
  if (text === undefined || text.trim() === '') return [];
  const gutter = `    ${issue.line} | `;
  const caret = `${' '.repeat(gutter.length - 2)}| ${' '.repeat(Math.max(0, (issue.column ?? 1) - 1))}^`;
  return [`${gutter}${text}`, caret];
}
