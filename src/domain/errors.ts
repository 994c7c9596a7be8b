/**
 * Perfbot's typed error hierarchy. Every error says what went wrong and what to do next.
 * `userError` errors come from bad input (config, refs, commands) and are never retried;
 * the others may be transient. The CLI maps user errors to exit code 2.
 */
export abstract class PerfbotError extends Error {
  abstract readonly userError: boolean;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
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

/** Bad command-line usage, or a bad argument from a user (e.g. `--runs ten`). */
export class UsageError extends PerfbotError {
  readonly userError = true;
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

/** Git could not do what was asked: not a repository, unknown ref, fetch failed… */
export class WorkspaceError extends PerfbotError {
  constructor(
    message: string,
    readonly userError: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
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

export function isPerfbotError(error: unknown): error is PerfbotError {
  return error instanceof PerfbotError;
}
