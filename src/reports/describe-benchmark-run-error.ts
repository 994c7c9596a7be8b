import type { BenchmarkRunError } from '../domain/errors.ts';
import { markConfigKeys } from './mark-config-keys.ts';
import type { RunFailure } from './run-failure.ts';

const RAISE_TIMEOUT =
  'Make it faster (run fewer or shorter benchmarks per invocation), or raise `benchmark.timeoutSeconds` in `.github/perf.yml`.';
const SET_FORMAT =
  "Set `benchmark.format` in `.github/perf.yml` to your tool's format, and make `benchmark.command` print the tool's JSON export (for Go, the `go test -bench` lines) to stdout.";

/**
 * A failed setup or benchmark command, in user terms. The title names the command by its perf.yml key, the side
 * (`base` or `head`) and how it failed; the fix depends on the way it failed and on the side: a command that
 * fails on the base was broken before this pull request.
 */
export function describeBenchmarkRunError(error: BenchmarkRunError): RunFailure {
  const { phase, side, exitCode, signal, timedOut, outputTail } = error.details;
  const what = phase === 'setup' ? 'benchmark.setup' : 'benchmark.command';
  const failure = (title: string, fix: string): RunFailure => ({
    title,
    problem: sentence(error.message),
    fix,
    ...(outputTail === undefined ? {} : { outputTail }),
  });

  if (timedOut) {
    const seconds = /\bafter (\d+) s\b/.exec(error.message)?.[1];
    return failure(`${what} timed out on ${side}${seconds ? ` after ${seconds} s` : ''}`, RAISE_TIMEOUT);
  }
  if (signal) {
    return failure(
      `${what} was killed by ${signal} on ${side}`,
      "A command killed by `SIGKILL` usually ran out of memory. Check the output below and make one run do less; if it works on your machine, ask the Perfbot operator about the runner's memory limit.",
    );
  }
  if (typeof exitCode === 'number' && exitCode !== 0) {
    return failure(
      `${what} failed on ${side} (exit code ${exitCode})`,
      side === 'head' ? fixOnHead(what) : fixOnBase(what),
    );
  }
  if (phase === 'benchmark' && exitCode === 0) {
    return failure(`Could not read the benchmark output on ${side}`, SET_FORMAT);
  }
  return failure(`${what} failed on ${side}`, side === 'head' ? fixOnHead(what) : fixOnBase(what));
}

function fixOnHead(what: string): string {
  return `Run \`${what}\` from the repository root in a clean checkout of this pull request and fix the error in the output below. If it passes on the base branch, this pull request broke it.`;
}

function fixOnBase(what: string): string {
  return `\`${what}\` fails on the base commit too, so this pull request did not cause it: fix it on the base branch, or compare against a commit where it works with \`/perf bench --vs REF\`.`;
}

/**
 * The engine's message as a sentence: perf.yml keys as code (the leading `benchmark.command` always, since
 * the message starts with it), otherwise a capital first letter.
 */
function sentence(message: string): string {
  const marked = markConfigKeys(message).replace(/^(benchmark\.(?:command|setup))\b/, '`$1`');
  return marked.charAt(0).toUpperCase() + marked.slice(1);
}
