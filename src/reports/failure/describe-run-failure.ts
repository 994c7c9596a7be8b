import { PERF_YML_PATH } from '../../config/perf-yml-docs.ts';
import {
  BenchCancelledError,
  BenchmarkRunError,
  BenchOutputError,
  CheckpointError,
  GitHubNotFoundError,
  GitHubPermissionError,
  isPerfbotError,
  NoAgentsConfiguredError,
  PermissionDeniedError,
  RepoConfigError,
  UsageError,
  WorkspaceError,
} from '../../domain/errors.ts';
import { markConfigKeys } from './mark-config-keys.ts';
import {
  CHECKPOINT_UNUSABLE,
  GIT_UNAVAILABLE,
  INTERNAL_ERROR,
  NO_AGENTS_CONFIGURED,
  RUN_CANCELLED,
  type RunFailure,
} from './run-failure.ts';

const SET_FORMAT =
  "Set `benchmark.format` in `.github/perf.yml` to your tool's format, and make `benchmark.command` print the tool's JSON export (for Go, the `go test -bench` lines) to stdout.";
const RAISE_TIMEOUT =
  'Make it faster (run fewer or shorter benchmarks per invocation), or raise `benchmark.timeoutSeconds` in `.github/perf.yml`.';
const FIX_AND_RERUN = 'Fix the problem above and run the command again.';

/**
 * What to tell the person who started a run that failed with `error`: the one mapper from Perfbot's errors to
 * words for a pull request (the queue behaviour is `runWithJobPolicy`'s). Perfbot's user errors keep their
 * message, which says what was wrong with the input; everything else (bugs, infrastructure, unknown values)
 * gets a fixed text, so stack traces, server paths and internal state never reach a pull request.
 */
export function describeRunFailure(error: unknown): RunFailure {
  if (error instanceof RepoConfigError) return describeConfigError(error);
  if (error instanceof BenchmarkRunError) return describeBenchmarkRunError(error);
  if (error instanceof BenchOutputError) {
    return {
      title: `Could not read the benchmark output${error.format === undefined ? '' : ` as ${error.format}`}`,
      problem: error.message,
      fix: SET_FORMAT,
    };
  }
  if (error instanceof WorkspaceError) return error.userError ? describeRefError(error) : GIT_UNAVAILABLE;
  // Before the user errors below: its message names a file or a Redis key, and the fix is not the user's input.
  if (error instanceof CheckpointError) return CHECKPOINT_UNUSABLE;
  if (error instanceof NoAgentsConfiguredError) return NO_AGENTS_CONFIGURED;
  if (error instanceof PermissionDeniedError) {
    return {
      title: 'Permission denied',
      problem: error.message,
      fix: `Ask someone with ${error.minimum} access (or more) to this repository to run the command.`,
    };
  }
  // The two GitHub refusals name the request and what to check; the requester can rarely fix either themselves.
  if (error instanceof GitHubPermissionError) {
    return {
      title: 'GitHub refused a request from Perfbot',
      problem: error.message,
      fix: 'Ask whoever installed Perfbot to check its permissions on this repository, then run the command again.',
    };
  }
  if (error instanceof GitHubNotFoundError) {
    return {
      title: 'GitHub could not find what Perfbot asked for',
      problem: error.message,
      fix: 'If the branch, pull request or comment was deleted while the run waited, there is nothing to do; otherwise fix the problem above and run the command again.',
    };
  }
  if (error instanceof UsageError) {
    return {
      title: 'Invalid command',
      problem: error.message,
      fix: 'Comment `/perf help` to see the commands and their options.',
    };
  }
  if (error instanceof BenchCancelledError) return RUN_CANCELLED;
  if (isPerfbotError(error) && error.userError) {
    return { title: 'Perfbot could not finish the run', problem: error.message, fix: FIX_AND_RERUN };
  }
  return INTERNAL_ERROR;
}

/**
 * An invalid, missing or unreadable `.github/perf.yml`. The error's message is laid out for a terminal: a first
 * line (`.github/perf.yml has 2 problems:`), compiler-style issue lines with the offending source line and a
 * caret (or the minimal file to create), and a closing `See docs/perf-yml.md …` line. The first line becomes
 * the problem, the middle a code block (so carets stay aligned and YAML is shown verbatim), the last the fix.
 */
function describeConfigError(error: RepoConfigError): RunFailure {
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

/**
 * A failed setup or benchmark command, in user terms. The title names the command by its perf.yml key, the side
 * (`base` or `head`) and how it failed; the fix depends on the way it failed and on the side: a command that
 * fails on the base was broken before this pull request.
 */
function describeBenchmarkRunError(error: BenchmarkRunError): RunFailure {
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

/** Git could not find or use a ref the user named (`--vs`, the base branch) or the pull request's commits. */
function describeRefError(error: WorkspaceError): RunFailure {
  const { message } = error;
  const refNotFound = /^ref '.*' (?:not found|in .* does not point to a commit)/.test(message);
  if (refNotFound) {
    return {
      title: 'Ref not found',
      problem: message,
      fix: "Check the name given to `--vs`: a branch, a tag or a full commit SHA of this repository. If it is the base branch or the pull request's head, make sure it was pushed and still exists.",
    };
  }
  if (/is not a valid git (?:ref name|revision)/.test(message)) {
    return {
      title: 'Invalid ref name',
      problem: message,
      fix: 'Give `--vs` a branch, tag or commit SHA of this repository.',
    };
  }
  if (/have no common ancestor/.test(message)) {
    return {
      title: 'No common ancestor',
      problem: message,
      fix: 'The two commits share no history, so there is no fair baseline: compare against a branch this one was created from with `/perf bench --vs REF`.',
    };
  }
  return { title: 'Could not check out the code', problem: message, fix: FIX_AND_RERUN };
}
