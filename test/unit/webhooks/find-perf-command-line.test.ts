import { describe, expect, it } from 'vitest';
import { findPerfCommandLine } from '../../../src/webhooks/find-perf-command-line.ts';
import { parsePerfCommand } from '../../../src/webhooks/parse-perf-command.ts';

describe('findPerfCommandLine: which line of a comment is the command', () => {
  it.each<[body: string, line: string | undefined]>([
    ['/perf bench', '/perf bench'],
    ['/perf', '/perf'],
    ['/perf   ', '/perf'],
    ['  /perf bench', '/perf bench'],
    ['   /perf bench', '/perf bench'],
    ['Looks good!\n/perf bench --runs 5', '/perf bench --runs 5'],
    ['Looks good!\r\n/perf bench --runs 5\r\n', '/perf bench --runs 5'],
    ['/PERF Bench', '/PERF Bench'],
    ['/perf\u00a0bench', '/perf\u00a0bench'],
    // Not at the start of the line, or not the word `/perf`.
    ['please /perf bench', undefined],
    ['/perfbench', undefined],
    ['/performance is bad', undefined],
    ['/perf-bench', undefined],
    ['/perf.', undefined],
    ['- /perf bench', undefined],
    ['`/perf bench`', undefined],
    // Indented code blocks: 4 spaces or a tab.
    ['    /perf bench', undefined],
    ['\t/perf bench', undefined],
    // Block quotes, including lazy continuation lines of a quote.
    ['> /perf bench', undefined],
    ['>/perf bench', undefined],
    ['  > /perf bench', undefined],
    ['> You wrote:\n/perf bench', undefined],
    ['> You wrote:\n\n/perf bench', '/perf bench'],
    ['>\n/perf bench', '/perf bench'],
    // Fenced code blocks.
    ['```\n/perf bench\n```', undefined],
    ['```sh\n/perf bench\n```\n/perf status', '/perf status'],
    ['~~~\n/perf bench\n~~~\n/perf cancel', '/perf cancel'],
    ['````\n```\n/perf bench\n````\n/perf help', '/perf help'],
    ['```\n/perf bench\n~~~\n/perf status', undefined],
    ['```\n/perf bench', undefined],
    ['``` not a fence ` here\n/perf bench', '/perf bench'],
    // HTML comments are hidden when GitHub renders the comment.
    ['<!-- /perf bench -->', undefined],
    ['<!--\n/perf bench\n-->', undefined],
    ['<!-- note -->\n/perf bench', '/perf bench'],
    ['<!-- note --> /perf bench', '/perf bench'],
    ['<!--\nhidden\n-->/perf status', '/perf status'],
    // Invisible characters are removed before matching: what looks like a command is one.
    ['/\u200bperf bench', '/perf bench'],
    ['/perf bench\u202e --runs 5', '/perf bench --runs 5'],
    ['\ufeff/perf status', '/perf status'],
  ])('%j → %j', (body, line) => {
    expect(findPerfCommandLine(body)).toBe(line);
  });

  it('only the first command line counts, even when it is invalid', () => {
    expect(parsePerfCommand('/perf bench\n/perf cancel')).toEqual({
      type: 'command',
      command: { kind: 'bench' },
      line: '/perf bench',
    });
    expect(parsePerfCommand('/perf bnch\n/perf bench')).toEqual({
      type: 'invalid',
      line: '/perf bnch',
      error:
        'unknown subcommand "bnch" (did you mean "bench"?); expected bench, calibrate, optimize, status, cancel, ack or help',
    });
  });

  it('a comment without a command line is "none"', () => {
    expect(parsePerfCommand('')).toEqual({ type: 'none' });
    expect(parsePerfCommand('LGTM, thanks!\n\n> /perf bench')).toEqual({ type: 'none' });
  });
});
