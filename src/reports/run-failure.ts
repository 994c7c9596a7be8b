import { BenchCancelledError } from '../domain/errors.ts';
import {
  BenchmarkRunError,
  BenchOutputError,
  isPerfbotError,
  RepoConfigError,
  UsageError,
  WorkspaceError,
} from '../domain/errors.ts';
import { PermissionDeniedError } from '../domain/permission-denied-error.ts';
import { describeBenchmarkRunError } from './describe-benchmark-run-error.ts';
import { describeConfigError } from './describe-config-error.ts';

/**
 * Why a run failed, in words for the person who asked for it. Produced by `describeRunFailure`, rendered by
 * `renderFailure` (PR comment) and `renderCheckRunOutput` (check run).
 *
 * Every field is plain text that may contain untrusted parts (ref names, quoted benchmark output): renderers
 * escape it. Spans between single backticks (`` `benchmark.command` ``) are shown as code.
 */
export interface RunFailure {
  /** One line without Markdown, also used as the check run title: `benchmark.command failed on head (exit code 3)`. */
  title: string;
  /** What went wrong, one paragraph. */
  problem: string;
  /** What to do next, one paragraph. */
  fix: string;
  /** Preformatted lines shown verbatim in a code block, e.g. the perf.yml lines an issue points at. */
  excerpt?: string;
  /** The last lines of the failed command's output, already redacted; shown collapsed. */
  outputTail?: string;
}

const INTERNAL_ERROR: RunFailure = {
  title: 'Perfbot hit an internal error',
  problem: 'Something went wrong inside Perfbot, not in this pull request or its benchmarks.',
  fix: 'Run the command again. If it fails again, ask whoever runs Perfbot to look up this run in the server logs (the run id is at the bottom of this comment).',
};

const GIT_UNAVAILABLE: RunFailure = {
  title: 'Perfbot could not fetch the repository',
  problem: 'Git failed while Perfbot was fetching or checking out the code. This is usually temporary.',
  fix: 'Run the command again in a few minutes. If it keeps failing, ask whoever runs Perfbot to look up this run in the server logs.',
};

/**
 * What to tell the person who started a run that failed with `error`. Perfbot's user errors keep their
 * message, which says what was wrong with the input; everything else (bugs, infrastructure, unknown
 * values) gets a fixed text, so stack traces, server paths and internal state never reach a pull request.
 */
export function describeRunFailure(error: unknown): RunFailure {
  if (error instanceof RepoConfigError) return describeConfigError(error);
  if (error instanceof BenchmarkRunError) return describeBenchmarkRunError(error);
  if (error instanceof BenchOutputError) {
    return {
      title: `Could not read the benchmark output${error.format === undefined ? '' : ` as ${error.format}`}`,
      problem: error.message,
      fix: "Set `benchmark.format` in `.github/perf.yml` to your tool's format, and make `benchmark.command` print the tool's JSON export (for Go, the `go test -bench` lines) to stdout.",
    };
  }
  if (error instanceof WorkspaceError) return error.userError ? describeRefError(error) : GIT_UNAVAILABLE;
  if (error instanceof PermissionDeniedError) {
    return {
      title: 'Permission denied',
      problem: error.message,
      fix: `Ask someone with ${error.minimum} access (or more) to this repository to run the command.`,
    };
  }
  if (error instanceof UsageError) {
    return {
      title: 'Invalid command',
      problem: error.message,
      fix: 'Comment `/perf help` to see the commands and their options.',
    };
  }
  if (error instanceof BenchCancelledError) {
    return {
      title: 'The run was cancelled',
      problem: 'The run was stopped before it finished.',
      fix: 'Run the command again to start over.',
    };
  }
  if (isPerfbotError(error) && error.userError) {
    return {
      title: 'Perfbot could not finish the run',
      problem: error.message,
      fix: 'Fix the problem above and run the command again.',
    };
  }
  return INTERNAL_ERROR;
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
  return {
    title: 'Could not check out the code',
    problem: message,
    fix: 'Fix the problem above and run the command again.',
  };
}
