import { codeSpan } from '../reports/code-span.ts';
import { PERF_COMMAND_LIMITS as LIMITS } from './perf-command.ts';
import type { RequiredPermission } from './permission.ts';

export interface PerfUsageOptions {
  /** The labels that start runs (operator configuration); omitted from the text when not given. */
  labels?: { bench: string; optimize: string };
  /** Who may run commands; `write` unless the operator asks for more. */
  minimumPermission?: RequiredPermission;
}

/**
 * The help text for `/perf help` and for replies to invalid commands, as Markdown. Every bound is read from
 * {@link LIMITS}, so the text always matches what the parser accepts.
 */
export function perfUsage(options: PerfUsageOptions = {}): string {
  const { runs, targetPercent, maxIterations } = LIMITS;
  const lines = [
    '#### `/perf` commands',
    '',
    'Comment one of these on a pull request, on a line of its own. Only the first `/perf` line of a comment counts; lines in quotes and code blocks never do.',
    '',
    '- `/perf bench [FILTER] [--runs N] [--vs REF]`: benchmark this pull request against its base branch.',
    `  - \`FILTER\`: a glob of benchmark names like \`parse/*\`, at most ${LIMITS.filterLength} characters from letters, digits and \`_ . / * ? [ ] : = , + -\`.`,
    `  - \`--runs N\`: interleaved base/head pairs, ${runs.min} to ${runs.max} (default: from \`.github/perf.yml\`).`,
    '  - `--vs REF`: compare against this branch, tag or commit SHA instead of the base branch.',
    '- `/perf optimize [--target N%] [--max-iter N] [description]`: let an agent look for a faster version of the code, checked by the benchmarks.',
    `  - \`--target N%\`: the improvement to reach, ${targetPercent.min}% to ${targetPercent.max}% (\`20%\` or \`20\`).`,
    `  - \`--max-iter N\`: attempts, ${maxIterations.min} to ${maxIterations.max}.`,
    `  - \`description\`: what to focus on, the rest of the line (at most ${LIMITS.focusLength} characters). Put flags first; write \`--\` before a description that starts with a dash.`,
    '- `/perf status`: show the progress of the current run.',
    '- `/perf cancel`: stop the current run.',
    '- `/perf help` or just `/perf`: show this help.',
    '',
    'Examples: `/perf bench parse/* --runs 20 --vs main`, `/perf optimize --target 15% speed up the tokenizer`.',
  ];
  if (options.labels !== undefined) {
    const { bench, optimize } = options.labels;
    lines.push(
      '',
      `Labels work too: ${codeSpan(bench)} on a pull request benchmarks it; ${codeSpan(optimize)} on a pull request optimizes it, and on an issue optimizes the default branch (\`/perf status\` and \`/perf cancel\` work on that issue).`,
    );
  }
  lines.push('', `Commands and labels are accepted from people with **${options.minimumPermission ?? 'write'}** access or more.`);
  return lines.join('\n');
}
