import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { flattenSchemaIssues } from '../config/flatten-schema-issues.ts';
import { formatConfigIssue } from '../config/format-config-issue.ts';
import { formatKeyPath } from '../config/format-key-path.ts';
import { locateYamlNode } from '../config/locate-yaml-node.ts';
import { type ConfigIssue, OperatorConfigError } from '../domain/errors.ts';
import { OperatorConfig } from './operator-config.ts';

/** The environment variable naming the operator config file. */
export const OPERATOR_CONFIG_VARIABLE = 'PERFBOT_CONFIG';

/**
 * Reads the operator config (the server-side YAML file named by `PERFBOT_CONFIG`).
 * @throws OperatorConfigError when the file is missing, unreadable or invalid; the message names each problem.
 */
export async function loadOperatorConfig(filePath: string): Promise<OperatorConfig> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    const hint = code === 'ENOENT' ? ` Create it, or point ${OPERATOR_CONFIG_VARIABLE} at the right file.` : '';
    throw new OperatorConfigError(`The operator config ${filePath} could not be read (${code}).${hint}`, [], filePath);
  }
  return parseOperatorConfig(text, filePath);
}

/**
 * Parses the text of an operator config. Pure.
 * @throws OperatorConfigError listing every YAML or schema problem with its key path and line:column.
 */
export function parseOperatorConfig(yamlText: string, file: string): OperatorConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { prettyErrors: true, lineCounter, resolveKnownTags: false, logLevel: 'silent' });
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((error): ConfigIssue => {
      const position = error.linePos?.[0];
      const message = error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '');
      return { path: '', message, line: position?.line, column: position?.col };
    });
    throw configError(file, issues);
  }
  const result = OperatorConfig.safeParse(doc.toJS() ?? {});
  if (result.success) return result.data;
  const issues = flattenSchemaIssues(OperatorConfig, result.error.issues).map((issue): ConfigIssue => {
    const position = locateYamlNode(doc, lineCounter, issue.path, issue.at);
    return { path: formatKeyPath(issue.path), message: issue.message, line: position?.line, column: position?.column };
  });
  throw configError(file, issues);
}

function configError(file: string, unsorted: ConfigIssue[]): OperatorConfigError {
  // In file order, like a compiler; issues without a position last.
  const at = (issue: ConfigIssue) => (issue.line ?? Number.MAX_SAFE_INTEGER) * 1e6 + (issue.column ?? 0);
  const issues = unsorted
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => at(a.issue) - at(b.issue) || a.index - b.index)
    .map(({ issue }) => issue);
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const lines = issues.map((issue) => `  ${formatConfigIssue(issue, file)}`);
  return new OperatorConfigError([`The operator config ${file} has ${count}:`, ...lines].join('\n'), issues, file);
}
