import { PERF_YML_PATH } from '../config/perf-yml-docs.ts';
import type { RepoConfigError } from '../domain/errors.ts';
import { markConfigKeys } from './mark-config-keys.ts';
import type { RunFailure } from './run-failure.ts';

/**
 * An invalid, missing or unreadable `.github/perf.yml`. The error's message is laid out for a terminal: a first
 * line (`.github/perf.yml has 2 problems:`), compiler-style issue lines with the offending source line and a
 * caret (or the minimal file to create), and a closing `See docs/perf-yml.md …` line. The first line becomes
 * the problem, the middle a code block (so carets stay aligned and YAML is shown verbatim), the last the fix.
 */
export function describeConfigError(error: RepoConfigError): RunFailure {
  const lines = error.message.split('\n');
  const problem = lines[0] ?? '';
  const rest = lines.slice(1);
  const docs = rest.length > 0 && /^See /.test(rest[rest.length - 1] ?? '') ? rest.pop() : undefined;
  const excerpt = dedent(rest.join('\n').replace(/^\s*\n|\n\s*$/g, ''));
  const fix = `Fix \`${PERF_YML_PATH}\`, push, and run the command again.${docs === undefined ? '' : ` ${docs}`}`;
  return {
    title: error.issues.length > 0 ? `Invalid ${PERF_YML_PATH}` : `Could not use ${PERF_YML_PATH}`,
    problem: markConfigKeys(problem),
    fix,
    ...(excerpt.trim() === '' ? {} : { excerpt }),
  };
}

/** Removes the indentation all non-blank lines share: the message indents for a terminal, a code block need not. */
function dedent(text: string): string {
  const lines = text.split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = Math.min(...indents);
  return Number.isFinite(common) ? lines.map((line) => line.slice(common)).join('\n') : text;
}
