import { describe, expect, it } from 'vitest';
import { parsePerfCommand } from '../../../src/webhooks/parse-perf-command.ts';
import { PERF_SUBCOMMANDS } from '../../../src/webhooks/perf-command.ts';
import { perfUsage } from '../../../src/webhooks/perf-usage.ts';

const USAGE = `#### \`/perf\` commands

Comment one of these on a pull request, on a line of its own. Only the first \`/perf\` line of a comment counts; lines in quotes and code blocks never do.

- \`/perf bench [FILTER] [--runs N] [--vs REF]\`: benchmark this pull request against its base branch.
  - \`FILTER\`: a glob of benchmark names like \`parse/*\`, at most 200 characters from letters, digits and \`_ . / * ? [ ] : = , + -\`.
  - \`--runs N\`: interleaved base/head pairs, 3 to 100 (default: from \`.github/perf.yml\`).
  - \`--vs REF\`: compare against this branch, tag or commit SHA instead of the base branch.
- \`/perf optimize [--target N%] [--max-iter N] [description]\`: let an agent look for a faster version of the code, checked by the benchmarks.
  - \`--target N%\`: the improvement to reach, 1% to 95% (\`20%\` or \`20\`).
  - \`--max-iter N\`: attempts, 1 to 10.
  - \`description\`: what to focus on, the rest of the line (at most 500 characters). Put flags first; write \`--\` before a description that starts with a dash.
- \`/perf status\`: show the progress of the current run.
- \`/perf cancel\`: stop the current run.
- \`/perf help\` or just \`/perf\`: show this help.

Examples: \`/perf bench parse/* --runs 20 --vs main\`, \`/perf optimize --target 15% speed up the tokenizer\`.

Commands and labels are accepted from people with **write** access or more.`;

describe('perfUsage', () => {
  it('renders the help text', () => {
    expect(perfUsage()).toBe(USAGE);
  });

  it('names the labels and the required permission when given', () => {
    const usage = perfUsage({ labels: { bench: 'perf:bench', optimize: 'perf `opt`' }, minimumPermission: 'maintain' });
    expect(usage.split('\n').slice(-3)).toEqual([
      'Labels work too: `perf:bench` on a pull request benchmarks it; `` perf `opt` `` on a pull request optimizes it, and on an issue optimizes the default branch (`/perf status` and `/perf cancel` work on that issue).',
      '',
      'Commands and labels are accepted from people with **maintain** access or more.',
    ]);
  });

  it('documents every subcommand', () => {
    for (const subcommand of PERF_SUBCOMMANDS) expect(USAGE).toContain(`- \`/perf ${subcommand}`);
  });

  it('every complete command it shows is one the parser accepts', () => {
    const shown = Array.from(perfUsage().matchAll(/`(\/perf[^`]*)`/g), (match) => match[1] ?? '').filter(
      (command) => !command.includes('['),
    );
    expect(shown).toEqual([
      '/perf',
      '/perf',
      '/perf status',
      '/perf cancel',
      '/perf help',
      '/perf',
      '/perf bench parse/* --runs 20 --vs main',
      '/perf optimize --target 15% speed up the tokenizer',
    ]);
    for (const command of shown) expect(parsePerfCommand(command).type).toBe('command');
  });
});
