import { describe, expect, it } from 'vitest';
import {
  BenchCancelledError,
  BenchOutputError,
  PermissionDeniedError,
  UsageError,
  WorkspaceError,
} from '../../../../src/domain/errors.ts';
import { describeRunFailure } from '../../../../src/reports/failure/describe-run-failure.ts';
import {
  commandFailedOnBase,
  commandFailedOnHead,
  commandKilled,
  invalidConfigError,
  NPM_FAILURE_TAIL,
  setupTimedOut,
  unparsableOutput,
  unreadableConfigError,
} from './fixtures/run-errors.ts';

describe('describeRunFailure', () => {
  it.each<[name: string, error: unknown, title: string]>([
    ['a failing command on head', commandFailedOnHead, 'benchmark.command failed on head (exit code 3)'],
    ['a failing command on base', commandFailedOnBase, 'benchmark.command failed on base (exit code 1)'],
    ['a setup timeout', setupTimedOut, 'benchmark.setup timed out on head after 600 s'],
    ['a killed command', commandKilled, 'benchmark.command was killed by SIGKILL on head'],
    ['unparsable output', unparsableOutput, 'Could not read the benchmark output on head'],
    ['an invalid perf.yml', invalidConfigError, 'Invalid .github/perf.yml'],
    ['an unreadable perf.yml', unreadableConfigError, 'Could not use .github/perf.yml'],
    ['a parser error', new BenchOutputError('go: no lines found', 'go'), 'Could not read the benchmark output as go'],
    ['a missing ref', new WorkspaceError("ref 'v9' not found in octo/demo: fatal", true), 'Ref not found'],
    ['an invalid ref', new WorkspaceError("'a..b' is not a valid git ref name", true), 'Invalid ref name'],
    [
      'unrelated histories',
      new WorkspaceError("'a' and 'b' have no common ancestor in octo/demo", true),
      'No common ancestor',
    ],
    ['a bad argument', new UsageError('--runs: expected an integer'), 'Invalid command'],
    ['a lost permission', new PermissionDeniedError('octocat', 'write'), 'Permission denied'],
    ['a cancellation', new BenchCancelledError(), 'The run was cancelled'],
  ])('titles %s', (_, error, title) => {
    expect(describeRunFailure(error).title).toBe(title);
  });

  it('keeps the command output, and only for command failures', () => {
    expect(describeRunFailure(commandFailedOnHead).outputTail).toBe(NPM_FAILURE_TAIL);
    expect(describeRunFailure(invalidConfigError).outputTail).toBeUndefined();
  });

  it('splits a perf.yml error into the problem, the issue lines and the docs pointer', () => {
    expect(describeRunFailure(invalidConfigError)).toEqual({
      title: 'Invalid .github/perf.yml',
      problem: '`.github/perf.yml` has 2 problems:',
      excerpt: [
        '.github/perf.yml:4:10: benchmark.runs.max: expected a positive integer, got "ten"',
        '  4 |     max: ten',
        '    |          ^',
        '.github/perf.yml:5:3: benchmark.formt: unknown key (did you mean "format"?)',
        '  5 |   formt: go',
        '    |   ^',
      ].join('\n'),
      fix: 'Fix `.github/perf.yml`, push, and run the command again. See docs/perf-yml.md for every key, its default and an example.',
    });
  });

  it('tells a base failure from a head failure', () => {
    expect(describeRunFailure(commandFailedOnHead).fix).toContain(
      'If it passes on the base branch, this pull request broke it.',
    );
    expect(describeRunFailure(commandFailedOnBase).fix).toContain(
      'fails on the base commit too, so this pull request did not cause it',
    );
  });

  it.each([
    [
      'a TypeError with a stack and a server path',
      new TypeError("Cannot read properties of undefined (reading 'sha') at /srv/perfbot/x.js"),
    ],
    ['a string', 'ECONNRESET /var/lib/perfbot/secret'],
    ['undefined', undefined],
    [
      'a git failure that is not the user’s',
      new WorkspaceError('fetching from https://x-access-token:***@github.com/o/r failed: /srv/mirrors/1', false),
    ],
  ])('reveals nothing of %s', (_, error) => {
    const text = JSON.stringify(describeRunFailure(error));
    for (const secret of [
      '/srv',
      '/var',
      'TypeError',
      "reading 'sha'",
      'x.js',
      'ECONNRESET',
      'x-access-token',
      'mirrors',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('says an internal error is not the pull request’s fault', () => {
    expect(describeRunFailure(new Error('boom'))).toEqual({
      title: 'Perfbot hit an internal error',
      problem: 'Something went wrong inside Perfbot, not in this pull request or its benchmarks.',
      fix: 'Run the command again. If it fails again, ask whoever runs Perfbot to look up this run in the server logs (the run id is at the bottom of this comment).',
    });
  });
});
