import { LineCounter, parseDocument } from 'yaml';
import { RepoConfigError, type ConfigIssue } from '../domain/errors.ts';
import { flattenSchemaIssues } from './flatten-schema-issues.ts';
import { formatKeyPath } from './format-key-path.ts';
import { locateYamlNode } from './locate-yaml-node.ts';
import { PERF_YML_PATH } from './perf-yml-docs.ts';
import { renderConfigErrorMessage } from './render-config-error-message.ts';
import { RepoConfig } from './repo-config.ts';

/**
 * Parses the text of `.github/perf.yml` into a full `RepoConfig` (defaults filled in). Pure: the GitHub App passes
 * text read through the API, the CLI text read from disk.
 * @throws RepoConfigError listing every YAML or schema problem with its key path and line:column.
 */
export function parseRepoConfig(yamlText: string, file = PERF_YML_PATH): RepoConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, {
    prettyErrors: true,
    lineCounter,
    // `<<: *defaults` merges are common in CI files; allow them here too.
    merge: true,
    // Plain data only: `!!binary` / `!!timestamp` would become Buffers and Dates that no key accepts.
    resolveKnownTags: false,
    // Problems reach the user through RepoConfigError, never as process warnings on the server's stderr.
    logLevel: 'silent',
  });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error): ConfigIssue => {
      const position = error.linePos?.[0];
      return { path: '', message: yamlErrorSummary(error.message), line: position?.line, column: position?.col };
    });
    throw configError(file, issues, yamlText);
  }
  // An empty file (or one holding only comments) means "all defaults".
  const data: unknown = doc.toJS() ?? {};
  const result = RepoConfig.safeParse(data);
  if (result.success) return result.data;
  const issues = flattenSchemaIssues(RepoConfig, result.error.issues).map((issue): ConfigIssue => {
    const position = locateYamlNode(doc, lineCounter, issue.path, issue.at);
    return { path: formatKeyPath(issue.path), message: issue.message, line: position?.line, column: position?.column };
  });
  throw configError(file, issues, yamlText);
}

function configError(file: string, issues: ConfigIssue[], source: string): RepoConfigError {
  // Issues in file order read like a compiler's; issues without a position go last.
  const sorted = issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => compareLines(a.issue, b.issue) || a.index - b.index)
    .map(({ issue }) => issue);
  return new RepoConfigError(renderConfigErrorMessage(file, sorted, source), sorted, file);
}

function compareLines(a: ConfigIssue, b: ConfigIssue): number {
  const line = (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER);
  return line === 0 ? (a.column ?? 0) - (b.column ?? 0) : line;
}

/** yaml's pretty messages end with " at line L, column C:" and a source excerpt; we print both ourselves. */
function yamlErrorSummary(message: string): string {
  return message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
}
