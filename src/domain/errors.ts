/**
 * Every error Perfbot throws on purpose, in one module (as release-please's `src/errors/index.ts`), so what an
 * error *is* can be read in one place. Each class carries the facts a mapper needs as fields, never only text:
 * - `describeRunFailure` (reports/failure/describe-run-failure.ts) is the one mapper to words for a pull request;
 * - `runWithJobPolicy` (queue/run-with-job-policy.ts) is the one mapper to queue behaviour, through
 *   `isRetryable`;
 * - the CLI maps user errors to exit code 2 and everything else to 3.
 * A programmer error (a broken invariant) is a plain `Error`: it must read as an internal error, never as
 * something the user did.
 */
export abstract class PerfbotError extends Error {
  /**
   * The input of the person who asked was wrong (perf.yml, a ref, a command, their permission): the message says
   * what, is shown to them as it is, and the job is not retried, since the same input fails the same way.
   */
  abstract readonly userError: boolean;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /**
   * Whether running the job again may succeed: a user error never does; other errors are taken for transient
   * (GitHub or git down, a bug that may not recur) unless a class knows better and overrides this.
   */
  get retryable(): boolean {
    return !this.userError;
  }
}

/** One problem found in `.github/perf.yml` (or an operator config file). */
export interface ConfigIssue {
  /** Dotted key path, e.g. `benchmark.runs.max`; empty for the document root. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** `.github/perf.yml` is missing, not YAML, or does not match the schema. */
export class RepoConfigError extends PerfbotError {
  readonly userError = true;
  constructor(
    message: string,
    readonly issues: ConfigIssue[] = [],
    readonly file?: string,
  ) {
    super(message);
  }
}

/**
 * The operator config (the YAML file named by `PERFBOT_CONFIG`) is missing, not YAML, or does not match the
 * schema. The operator must fix it; the pull request author cannot, so this is not a user error.
 */
export class OperatorConfigError extends PerfbotError {
  readonly userError: boolean = false;
  constructor(
    message: string,
    readonly issues: ConfigIssue[] = [],
    readonly file?: string,
  ) {
    super(message);
  }
}

/**
 * `/perf optimize` reached a Perfbot whose operator configured no agents (`PERFBOT_CONFIG`). The operator's to
 * fix, yet treated as a user error: no retry can help, and the requester must be told at once that `/perf
 * optimize` cannot run here (the text says who can fix it).
 */
export class NoAgentsConfiguredError extends OperatorConfigError {
  override readonly userError = true;
  constructor() {
    super('this Perfbot has no agents configured (PERFBOT_CONFIG), so it cannot run /perf optimize');
  }
}

/** Bad command-line usage, or a bad argument from a user (e.g. `--runs ten`). */
export class UsageError extends PerfbotError {
  readonly userError = true;
}

/** The requester (no longer) has the permission a command needs; checked at intake and again at job start. */
export class PermissionDeniedError extends PerfbotError {
  readonly userError = true;
  constructor(
    readonly login: string,
    readonly minimum: string,
  ) {
    super(`@${login} needs ${minimum} permission on this repository to run Perfbot`);
  }
}

/** A benchmark's output could not be parsed in the requested (or any) format. */
export class BenchOutputError extends PerfbotError {
  readonly userError = true;
  constructor(
    message: string,
    readonly format?: string,
  ) {
    super(message);
  }
}

/** The setup or benchmark command failed, timed out, or printed nothing usable. */
export class BenchmarkRunError extends PerfbotError {
  readonly userError = true;
  constructor(
    message: string,
    readonly details: {
      phase: 'setup' | 'benchmark';
      side: 'base' | 'head';
      exitCode?: number | null;
      signal?: string | null;
      timedOut?: boolean;
      /** Last lines of combined output, already redacted. */
      outputTail?: string;
    },
  ) {
    super(message);
  }
}

/** A run was cancelled through its AbortSignal (`/perf cancel`, a newer head, shutdown). */
export class BenchCancelledError extends PerfbotError {
  readonly userError = true;
  constructor(message = 'the benchmark run was cancelled') {
    super(message);
  }
}

/**
 * Git could not do what was asked: not a repository, unknown ref, fetch failed… A user error when the user named
 * the thing git could not use (a ref), otherwise git or the network failed and a retry may help.
 */
export class WorkspaceError extends PerfbotError {
  constructor(
    message: string,
    readonly userError: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * One git command exited non-zero; `stderr` and the message are already redacted. Thrown by the git adapter
 * (`runGit`) for its callers to say what the failure means, by wrapping it in a `WorkspaceError`; a plain `Error`,
 * so one that escapes unwrapped reads as the internal error it is.
 */
export class GitCommandError extends Error {
  constructor(
    /** The git subcommand (`fetch`, `worktree`…). */
    readonly command: string,
    readonly stderr: string,
  ) {
    super(`git ${command} failed: ${stderr}`);
    this.name = 'GitCommandError';
  }
}

/**
 * A run's saved progress cannot be used: the stored checkpoint is not a valid run state (corrupt, truncated,
 * written by an incompatible version), or the run id cannot name a checkpoint. Nothing in the pull request caused
 * it, so not a user error; nor does it fix itself, so the job is not retried: it fails, saying to start over.
 */
export class CheckpointError extends PerfbotError {
  readonly userError = false;
  constructor(
    message: string,
    readonly runId: string,
    /** Where the checkpoint is (a file or a Redis key); absent when the run id itself is invalid. */
    readonly location?: string,
  ) {
    super(message);
  }

  override get retryable(): boolean {
    return false;
  }
}

/**
 * Why a stored change may not be used:
 * - `changed`: the file's SHA-256 is not the one OPTIMIZE recorded when it validated and wrote it;
 * - `unrecorded`: the checkpoint holds no SHA-256 for it (a checkpoint from before hashes were kept);
 * - `invalid`: what would be committed breaks the diff rules (`validateDiff`, `optimize.allowedPaths`).
 */
export const PATCH_INTEGRITY_PROBLEMS = ['changed', 'unrecorded', 'invalid'] as const;
export type PatchIntegrityProblem = (typeof PATCH_INTEGRITY_PROBLEMS)[number];

/**
 * The change of an iteration (`change-<n>.patch`) is not the change Perfbot validated, so nothing is built,
 * measured or pushed from it. Run files sit where untrusted code (tests, benchmarks, agents) can write, so this
 * is what an attempt to smuggle a change past the diff rules looks like. A user error: retrying cannot help;
 * a new `/perf optimize` starts from a clean run.
 */
export class PatchIntegrityError extends PerfbotError {
  readonly userError = true;
  constructor(
    message: string,
    readonly problem: PatchIntegrityProblem,
    readonly iteration: number,
    readonly violations: ReadonlyArray<{ path: string; reason: string }> = [],
  ) {
    super(message);
  }
}

/**
 * Not a failure: thrown by a phase that has to wait for the outside world (MONITOR waiting for CI). Instead of
 * waiting inside the job, the run saves its checkpoint as it is and ends this activation. The run worker then
 * parks the job (delayed until `resumeAt`, holding no worker or repository slot) and records `waitKey`, so the
 * event the run waits for (a `check_suite` webhook) can promote it at once; `resumeAt` is the polling fallback.
 * Hence a plain `Error`: no mapper may take it for a user error or an internal one.
 */
export class SuspendRunError extends Error {
  /**
   * @param resumeAt When to look again at the latest (epoch ms).
   * @param waitKey What the run waits for, e.g. `ci:<sha>` (see `ciWaitKey`); news about it wakes the run early.
   */
  constructor(
    readonly resumeAt: number,
    readonly waitKey?: string,
  ) {
    super(
      `suspended until ${new Date(resumeAt).toISOString()}${waitKey === undefined ? '' : ` or news about ${waitKey}`}`,
    );
    this.name = 'SuspendRunError';
  }
}

/**
 * GitHub could not answer now: a 5xx, a 429, a (secondary) rate limit, or the network failed.
 * Retry the job later, no sooner than `retryAfterMs` when GitHub said how long to wait.
 */
export class TransientGitHubError extends PerfbotError {
  readonly userError = false;
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The app (or the user it acts for) may not do this: a 403 that is not a rate limit. Not retried. */
export class GitHubPermissionError extends PerfbotError {
  readonly userError = true;
  readonly status = 403;
}

/** The repository, pull request, comment or user does not exist, or the app cannot see it. Not retried. */
export class GitHubNotFoundError extends PerfbotError {
  readonly userError = true;
  readonly status = 404;
}

/**
 * Any other refusal (401, 409, 422…): GitHub understood the request and will keep refusing it,
 * so retrying does not help; usually a bug or a misconfigured app, hence not a user error.
 */
export class GitHubRequestError extends PerfbotError {
  readonly userError = false;
  constructor(
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Redis did not take a job in time; the webhook handler answers 503 so GitHub records a failed delivery. */
export class QueueUnavailableError extends PerfbotError {
  readonly userError = false;
}

/**
 * The sandbox cannot start on this machine (no bubblewrap, no user namespaces, not Linux). Nothing from the PR
 * runs; the message says what the operator can do. A user error: retrying does not help.
 */
export class SandboxUnavailableError extends PerfbotError {
  readonly userError = true;
}

/**
 * Neither instruction counter (perf, cachegrind) works here: nothing is run. A user error (the same machine fails
 * again the same way); the message names what to install and the alternative.
 */
export class InstructionCounterUnavailableError extends PerfbotError {
  readonly userError = true;
}

/**
 * A profiler's output could not be read: not the format it should be, inconsistent, or too large. The profile
 * is then left out of the analysis (the prompt says why); the run goes on.
 */
export class ProfileFormatError extends PerfbotError {
  readonly userError = true;
}

/**
 * The profiler ran but gave no profile (it failed, printed nothing, wrote no file); the message is the one line
 * the prompt shows. Like `ProfileFormatError`, it leaves the profile out and the run goes on.
 */
export class ProfileFailedError extends PerfbotError {
  readonly userError = true;
}

/** Startup failed in a way the operator must fix (Redis unreachable…); the message says how. */
export class StartupError extends PerfbotError {
  readonly userError = true;
}

export function isPerfbotError(error: unknown): error is PerfbotError {
  return error instanceof PerfbotError;
}

/** An error caused by the user's input (config, refs, command): retrying cannot fix it. */
export function isUserError(error: unknown): boolean {
  if (isPerfbotError(error)) return error.userError;
  return typeof error === 'object' && error !== null && (error as { userError?: unknown }).userError === true;
}

/** Whether another attempt of the job may succeed (see `PerfbotError.retryable`); unknown errors may. */
export function isRetryable(error: unknown): boolean {
  return isPerfbotError(error) ? error.retryable : !isUserError(error);
}
