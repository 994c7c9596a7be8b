import { describe, expect, it } from 'vitest';
import { parsePerfCommand } from '../../../src/webhooks/parse-perf-command.ts';
import { PERF_SUBCOMMANDS } from '../../../src/webhooks/perf-command.ts';
import { perfUsage } from '../../../src/intake/perf-usage.ts';

const USAGE = `#### \`/perf\` commands

Comment one of these on a pull request, on a line of its own. Only the first \`/perf\` line of a comment counts; lines in quotes and code blocks never do.

- \`/perf bench [FILTER] [--runs N] [--vs REF]\`: benchmark this pull request against its base branch.
  - \`FILTER\`: a glob of benchmark names like \`parse/*\`, at most 200 characters from letters, digits and \`_ . / * ? [ ] : = , + -\`.
  - \`--runs N\`: interleaved base/head pairs, 3 to 100 (default: from \`.github/perf.yml\`).
  - \`--vs REF\`: compare against this branch, tag or commit SHA instead of the base branch.
- \`/perf calibrate\`: run the default branch against itself to measure each benchmark's noise on Perfbot's machine (kept 30 days); later benchmarks there use it to plan their runs and say which changes they can detect.
- \`/perf optimize [--target N%] [--max-iter N] [--max-regression N%] [--max-memory N%] [description]\`: let an agent look for a faster version of the code, checked by the benchmarks.
  - \`--target N%\`: the improvement to reach, 1% to 95% (\`20%\` or \`20\`).
  - \`--max-iter N\`: attempts, 1 to 10.
  - \`--max-regression N%\` / \`--max-memory N%\`: the trade-offs allowed, 0% to 1000%: how much slower any other benchmark and how much more memory (default: \`optimize.tradeoffs\` in \`.github/perf.yml\`, else the regression gate and 10%).
  - \`description\`: what to focus on, the rest of the line (at most 500 characters). Put flags first; write \`--\` before a description that starts with a dash.
- \`/perf status\`: show the progress of the current run.
- \`/perf cancel\`: stop the current run.
- \`/perf ack [reason]\`: accept the regression that failed the \`perf\` check on this pull request's current head commit: the check passes, naming you and the reason (at most 300 characters). It holds for that commit only: after a new push, a new failing run needs a new ack.
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

  it('lists the agents of the installation before the permission line, when given', () => {
    const agents = [{ name: 'claude', type: 'claude-code', version: '2.1.332 (Claude Code)', isDefault: true }];
    expect(perfUsage({ agents }).split('\n').slice(-3, -2)).toEqual([
      'Agents for `/perf optimize` on this installation (`optimize.agent` in `.github/perf.yml` picks one): `claude` (claude-code, `2.1.332 (Claude Code)`, the default).',
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
      '/perf calibrate',
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
