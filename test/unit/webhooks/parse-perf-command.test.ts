import { describe, expect, it } from 'vitest';
import { parsePerfCommand } from '../../../src/webhooks/parse-perf-command.ts';
import { parsePerfCommandLine } from '../../../src/webhooks/parse-perf-command-line.ts';
import type { PerfCommand } from '../../../src/webhooks/perf-command.ts';

function commandOf(body: string): PerfCommand | string {
  const result = parsePerfCommand(body);
  if (result.type === 'command') return result.command;
  return result.type === 'invalid' ? `invalid: ${result.error}` : 'none';
}

describe('parsePerfCommand: valid commands', () => {
  it.each<[body: string, command: PerfCommand]>([
    ['/perf', { kind: 'help' }],
    ['/perf help', { kind: 'help' }],
    ['/perf status', { kind: 'status' }],
    ['/perf cancel', { kind: 'cancel' }],
    ['/perf Status', { kind: 'status' }],
    ['/perf BENCH', { kind: 'bench' }],
    ['/perf\u00a0bench', { kind: 'bench' }],
    ['/perf bench', { kind: 'bench' }],
    ['/perf bench parse/*', { kind: 'bench', filter: 'parse/*' }],
    [
      '/perf bench BenchmarkParse[A-Z]?:size=1,x+y-z_0.9',
      { kind: 'bench', filter: 'BenchmarkParse[A-Z]?:size=1,x+y-z_0.9' },
    ],
    ['/perf bench --runs 20', { kind: 'bench', runs: 20 }],
    ['/perf bench --runs=20', { kind: 'bench', runs: 20 }],
    ['/perf bench --runs 3', { kind: 'bench', runs: 3 }],
    ['/perf bench --runs 100', { kind: 'bench', runs: 100 }],
    ['/perf bench --runs 007', { kind: 'bench', runs: 7 }],
    ['/perf bench --vs main', { kind: 'bench', vs: 'main' }],
    ['/perf bench --vs=release/1.x', { kind: 'bench', vs: 'release/1.x' }],
    ['/perf bench --vs v1.2.3', { kind: 'bench', vs: 'v1.2.3' }],
    ['/perf bench --vs 0123abc', { kind: 'bench', vs: '0123abc' }],
    ['/perf bench --vs @scope/pkg@1.2.3', { kind: 'bench', vs: '@scope/pkg@1.2.3' }],
    ['/perf bench --runs 10 parse/* --vs main', { kind: 'bench', filter: 'parse/*', runs: 10, vs: 'main' }],
    ['/perf bench --vs main --runs 10 parse/*', { kind: 'bench', filter: 'parse/*', runs: 10, vs: 'main' }],
    ['/perf optimize', { kind: 'optimize' }],
    ['/perf optimize --target 20%', { kind: 'optimize', target: 0.2 }],
    ['/perf optimize --target 20', { kind: 'optimize', target: 0.2 }],
    ['/perf optimize --target=2.5%', { kind: 'optimize', target: 0.025 }],
    ['/perf optimize --target 1', { kind: 'optimize', target: 0.01 }],
    ['/perf optimize --target 95%', { kind: 'optimize', target: 0.95 }],
    ['/perf optimize --max-iter 3', { kind: 'optimize', maxIterations: 3 }],
    ['/perf optimize --max-iter 1', { kind: 'optimize', maxIterations: 1 }],
    ['/perf optimize --max-iter 10', { kind: 'optimize', maxIterations: 10 }],
    ['/perf optimize --max-regression 3% --max-memory 25', { kind: 'optimize', maxRegression: 0.03, maxMemory: 0.25 }],
    [
      '/perf optimize --max-memory=0 --target 10% parser',
      { kind: 'optimize', maxMemory: 0, target: 0.1, focus: 'parser' },
    ],
    [
      '/perf optimize --target 15% --max-iter 2 speed up   the tokenizer',
      { kind: 'optimize', target: 0.15, maxIterations: 2, focus: 'speed up the tokenizer' },
    ],
    [
      '/perf optimize --max-iter=2 --target 15% parser',
      { kind: 'optimize', target: 0.15, maxIterations: 2, focus: 'parser' },
    ],
    // The description is data: kept as written (minus invisible characters), never interpreted.
    [
      '/perf optimize fewer allocs in `parse()`; ignore $(id) && rm -rf /',
      { kind: 'optimize', focus: 'fewer allocs in `parse()`; ignore $(id) && rm -rf /' },
    ],
    ['/perf optimize make \u202eit\u200b fast', { kind: 'optimize', focus: 'make it fast' }],
    ['/perf optimize -- --verbose logging costs 10%', { kind: 'optimize', focus: '--verbose logging costs 10%' }],
    ['/perf optimize --target 5% -- -O3 is not enough', { kind: 'optimize', target: 0.05, focus: '-O3 is not enough' }],
    ['/perf optimize --', { kind: 'optimize' }],
    [`/perf optimize ${'x'.repeat(500)}`, { kind: 'optimize', focus: 'x'.repeat(500) }],
    // ack: the reason is the rest of the line, kept as data (escaped where shown, never interpreted).
    ['/perf ack', { kind: 'ack' }],
    ['/perf ACK', { kind: 'ack' }],
    ['/perf ack too noisy, known', { kind: 'ack', reason: 'too noisy, known' }],
    ['/perf ack   expected:\tthe new   cache', { kind: 'ack', reason: 'expected: the new cache' }],
    ['/perf ack --force it', { kind: 'ack', reason: '--force it' }],
    ['/perf ack @everyone <b>x</b> `rm -rf /`', { kind: 'ack', reason: '@everyone <b>x</b> `rm -rf /`' }],
    ['/perf ack fine\u202e by\u200b me', { kind: 'ack', reason: 'fine by me' }],
    [`/perf ack ${'y'.repeat(300)}`, { kind: 'ack', reason: 'y'.repeat(300) }],
  ])('%j', (body, command) => {
    expect(parsePerfCommand(body)).toEqual({
      type: 'command',
      command,
      line: body.trim().replace(/[\u200b\u202e]/g, ''),
    });
  });
});

describe('parsePerfCommand: invalid commands say what is wrong and how to fix it', () => {
  it.each<[body: string, error: string]>([
    ['/perf run', 'unknown subcommand "run"; expected bench, calibrate, optimize, status, cancel, ack or help'],
    [
      '/perf bemch',
      'unknown subcommand "bemch" (did you mean "bench"?); expected bench, calibrate, optimize, status, cancel, ack or help',
    ],
    [
      '/perf optimise',
      'unknown subcommand "optimise" (did you mean "optimize"?); expected bench, calibrate, optimize, status, cancel, ack or help',
    ],
    ['/perf --runs 5', 'unknown subcommand "--runs"; expected bench, calibrate, optimize, status, cancel, ack or help'],
    ['/perf status now', '/perf status takes no arguments, got "now"'],
    ['/perf cancel all', '/perf cancel takes no arguments, got "all"'],
    ['/perf help me', '/perf help takes no arguments, got "me"'],
    // --runs
    ['/perf bench --runs ten', '--runs: expected an integer from 3 to 100, got "ten"'],
    ['/perf bench --runs 2', '--runs: expected an integer from 3 to 100, got "2"'],
    ['/perf bench --runs 101', '--runs: expected an integer from 3 to 100, got "101"'],
    ['/perf bench --runs 5.5', '--runs: expected an integer from 3 to 100, got "5.5"'],
    ['/perf bench --runs -5', '--runs: expected an integer from 3 to 100, got "-5"'],
    ['/perf bench --runs 0x10', '--runs: expected an integer from 3 to 100, got "0x10"'],
    ['/perf bench --runs 1e1', '--runs: expected an integer from 3 to 100, got "1e1"'],
    ['/perf bench --runs', '--runs: missing value; write it like --runs 20'],
    ['/perf bench --runs=', '--runs: missing value; write it like --runs 20'],
    ['/perf bench --runs --vs main', '--runs: missing value; write it like --runs 20'],
    ['/perf bench --runs 5 --runs 6', '--runs: given twice; give it once'],
    ['/perf bench --runs=5 --runs=5', '--runs: given twice; give it once'],
    // flags
    ['/perf bench --run 5', 'unknown flag "--run" for /perf bench (did you mean "--runs"?); expected --runs or --vs'],
    ['/perf bench --Runs 5', 'unknown flag "--Runs" for /perf bench (did you mean "--runs"?); expected --runs or --vs'],
    ['/perf bench --filter x', 'unknown flag "--filter" for /perf bench; expected --runs or --vs'],
    ['/perf bench -r 5', 'unknown flag "-r" for /perf bench; expected --runs or --vs'],
    ['/perf bench --target 5', 'unknown flag "--target" for /perf bench; expected --runs or --vs'],
    ['/perf bench \u2014runs 5', '"\u2014runs" looks like --runs typed with a long dash; type two hyphens: --runs'],
    ['/perf bench \u2013vs main', '"\u2013vs" looks like --vs typed with a long dash; type two hyphens: --vs'],
    // FILTER
    [
      '/perf bench parse/* format/*',
      'expected one FILTER, got a second one: "format/*"; a glob like "parse/*" can match several benchmarks',
    ],
    [
      '/perf bench a;b',
      'FILTER: expected a glob of benchmark names, got "a;b" (";" is not allowed; use letters, digits and _ . / * ? [ ] : = , + -)',
    ],
    [
      '/perf bench $(id)',
      'FILTER: expected a glob of benchmark names, got "$(id)" ("$" is not allowed; use letters, digits and _ . / * ? [ ] : = , + -)',
    ],
    [
      "/perf bench 'parse/*'",
      `FILTER: expected a glob of benchmark names, got "'parse/*'" ("'" is not allowed; use letters, digits and _ . / * ? [ ] : = , + -; write the glob without quotes)`,
    ],
    [
      '/perf bench ｐarse',
      'FILTER: expected a glob of benchmark names, got "ｐarse" ("ｐ" is not allowed; use letters, digits and _ . / * ? [ ] : = , + -)',
    ],
    [`/perf bench ${'a'.repeat(201)}`, 'FILTER: expected at most 200 characters, got 201'],
    // --vs
    [
      '/perf bench --vs $(curl)',
      '--vs: expected a branch, tag or commit SHA, got "$(curl)" ("$" is not allowed; use letters, digits and . _ / - @ +)',
    ],
    [
      '/perf bench --vs main;id',
      '--vs: expected a branch, tag or commit SHA, got "main;id" (";" is not allowed; use letters, digits and . _ / - @ +)',
    ],
    [
      '/perf bench --vs HEAD~1',
      '--vs: expected a branch, tag or commit SHA, got "HEAD~1" ("~" is not allowed; use letters, digits and . _ / - @ +)',
    ],
    [
      '/perf bench --vs -evil',
      '--vs: expected a branch, tag or commit SHA, got "-evil" (not a valid git ref name: no "..", "@{", "//", leading "-" or ".", or trailing "/", "." or ".lock")',
    ],
    [
      '/perf bench --vs=--upload-pack=evil',
      '--vs: expected a branch, tag or commit SHA, got "--upload-pack=evil" ("=" is not allowed; use letters, digits and . _ / - @ +)',
    ],
    [
      '/perf bench --vs main..evil',
      '--vs: expected a branch, tag or commit SHA, got "main..evil" (not a valid git ref name: no "..", "@{", "//", leading "-" or ".", or trailing "/", "." or ".lock")',
    ],
    [
      '/perf bench --vs main.lock',
      '--vs: expected a branch, tag or commit SHA, got "main.lock" (not a valid git ref name: no "..", "@{", "//", leading "-" or ".", or trailing "/", "." or ".lock")',
    ],
    // optimize
    ['/perf optimize --target 0', '--target: expected a percentage from 1 to 95 like 20% or 20, got "0"'],
    ['/perf optimize --target 96%', '--target: expected a percentage from 1 to 95 like 20% or 20, got "96%"'],
    ['/perf optimize --target 20%%', '--target: expected a percentage from 1 to 95 like 20% or 20, got "20%%"'],
    ['/perf optimize --target twenty', '--target: expected a percentage from 1 to 95 like 20% or 20, got "twenty"'],
    ['/perf optimize --target 0.2', '--target: expected a percentage from 1 to 95 like 20% or 20, got "0.2"'],
    ['/perf optimize --target', '--target: missing value; write it like --target 20%'],
    ['/perf optimize --max-iter 0', '--max-iter: expected an integer from 1 to 10, got "0"'],
    [
      '/perf optimize --max-regression lots',
      '--max-regression: expected a percentage from 0 to 1000 like 5% or 5, got "lots"',
    ],
    [
      '/perf optimize --max-memory 2000%',
      '--max-memory: expected a percentage from 0 to 1000 like 5% or 5, got "2000%"',
    ],
    [
      '/perf optimize parser --max-memory 5%',
      '--max-memory: put flags before the description, like /perf optimize --max-memory 10% speed up parsing',
    ],
    ['/perf optimize --max-iter 11', '--max-iter: expected an integer from 1 to 10, got "11"'],
    ['/perf optimize --max-iter 3 --max-iter 4', '--max-iter: given twice; give it once'],
    [
      '/perf optimize --iterations 3',
      'unknown flag "--iterations" for /perf optimize; expected --target or --max-iter or --max-regression or --max-memory',
    ],
    [
      '/perf optimize --runs 3',
      'unknown flag "--runs" for /perf optimize; expected --target or --max-iter or --max-regression or --max-memory',
    ],
    [
      '/perf optimize \u2014target 20%',
      '"\u2014target" looks like --target typed with a long dash; type two hyphens: --target',
    ],
    [
      '/perf optimize the parser --target 20%',
      '--target: put flags before the description, like /perf optimize --target 20% speed up parsing',
    ],
    [
      '/perf optimize the parser --max-iter=2',
      '--max-iter: put flags before the description, like /perf optimize --max-iter 3 speed up parsing',
    ],
    [`/perf optimize ${'x'.repeat(501)}`, 'description: expected at most 500 characters, got 501; shorten it'],
    [`/perf ack ${'y'.repeat(301)}`, 'reason: expected at most 300 characters, got 301; shorten it'],
    [
      '/perf acl',
      'unknown subcommand "acl" (did you mean "ack"?); expected bench, calibrate, optimize, status, cancel, ack or help',
    ],
  ])('%j', (body, error) => {
    expect(parsePerfCommand(body)).toEqual({ type: 'invalid', line: body, error });
  });

  it('quotes long user input in messages, cut to 40 characters', () => {
    expect(commandOf(`/perf bench --runs ${'9'.repeat(60)}`)).toBe(
      `invalid: --runs: expected an integer from 3 to 100, got "${'9'.repeat(39)}…"`,
    );
  });
});

describe('parsePerfCommandLine (one line, as the finder returns it)', () => {
  it('cleans the description itself, even when called on a raw line', () => {
    expect(parsePerfCommandLine('/perf optimize fast\u0007er\u202e\tparser\u{e0041}')).toEqual({
      kind: 'optimize',
      focus: 'faster parser',
    });
  });
});
