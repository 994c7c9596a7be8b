import type { ConfigIssue } from '../domain/errors.ts';

/** One issue as a compiler-style line: `.github/perf.yml:6:10: benchmark.runs.max: expected …, got "ten"`. */
export function formatConfigIssue(issue: ConfigIssue, file: string): string {
  const position = issue.line === undefined ? '' : `:${issue.line}:${issue.column ?? 1}`;
  const path = issue.path === '' ? '' : `${issue.path}: `;
  return `${file}${position}: ${path}${issue.message}`;
}
