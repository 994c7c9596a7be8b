import { codeSpan } from '../reports/markdown.ts';
import { renderAgentList, type AgentListEntry } from '../reports/replies/render-agent-list.ts';
import { PERF_COMMAND_LIMITS as LIMITS } from '../webhooks/perf-command.ts';
import type { RequiredPermission } from '../github/repository-permission.ts';

export interface PerfUsageOptions {
  /** The labels that start runs (operator configuration); omitted from the text when not given. */
  labels?: { bench: string; optimize: string };
  /** Who may run commands; `write` unless the operator asks for more. */
  minimumPermission?: RequiredPermission;
  /**
   * The agents `/perf optimize` can use on this installation (the operator config, as checked at start); an
   * empty list says there are none. Omitted from the text when not given.
   */
  agents?: readonly AgentListEntry[];
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
    "- `/perf calibrate`: run the default branch against itself to measure each benchmark's noise on Perfbot's machine (kept 30 days); later benchmarks there use it to plan their runs and say which changes they can detect.",
    '- `/perf optimize [--target N%] [--max-iter N] [--max-regression N%] [--max-memory N%] [description]`: let an agent look for a faster version of the code, checked by the benchmarks.',
    `  - \`--target N%\`: the improvement to reach, ${targetPercent.min}% to ${targetPercent.max}% (\`20%\` or \`20\`).`,
    `  - \`--max-iter N\`: attempts, ${maxIterations.min} to ${maxIterations.max}.`,
    `  - \`--max-regression N%\` / \`--max-memory N%\`: the trade-offs allowed, ${LIMITS.allowancePercent.min}% to ${LIMITS.allowancePercent.max}%: how much slower any other benchmark and how much more memory (default: \`optimize.tradeoffs\` in \`.github/perf.yml\`, else the regression gate and 10%).`,
    `  - \`description\`: what to focus on, the rest of the line (at most ${LIMITS.focusLength} characters). Put flags first; write \`--\` before a description that starts with a dash.`,
    '- `/perf status`: show the progress of the current run.',
    '- `/perf cancel`: stop the current run.',
    `- \`/perf ack [reason]\`: accept the regression that failed the \`perf\` check on this pull request's current head commit: the check passes, naming you and the reason (at most ${LIMITS.reasonLength} characters). It holds for that commit only: after a new push, a new failing run needs a new ack.`,
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
  if (options.agents !== undefined) lines.push('', renderAgentList(options.agents));
  lines.push(
    '',
    `Commands and labels are accepted from people with **${options.minimumPermission ?? 'write'}** access or more.`,
  );
  return lines.join('\n');
}
