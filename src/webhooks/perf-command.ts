/** The subcommands of `/perf`, in the order the usage text lists them. */
export const PERF_SUBCOMMANDS = ['bench', 'calibrate', 'optimize', 'status', 'cancel', 'ack', 'help'] as const;
export type PerfSubcommand = (typeof PERF_SUBCOMMANDS)[number];

/**
 * Bounds of every value a `/perf` command accepts. The parser, the usage text and the tests all read them from
 * here so the messages and the checks cannot drift apart.
 */
export const PERF_COMMAND_LIMITS = {
  /** `--runs N`: interleaved base/head pairs; fewer than 3 cannot give a useful confidence interval. */
  runs: { min: 3, max: 100 },
  /** `--target N%`: required improvement in percent; 95% is the most that still means "faster". */
  targetPercent: { min: 1, max: 95 },
  /** `--max-iter N`: agent iterations; each one costs a benchmark session and model tokens. */
  maxIterations: { min: 1, max: 10 },
  /** `--max-regression N%` / `--max-memory N%`: a trade-off allowance in percent, as perf.yml accepts it. */
  allowancePercent: { min: 0, max: 1000 },
  /** FILTER glob length. */
  filterLength: 200,
  /** Free-text focus of `/perf optimize`, in characters after cleaning. */
  focusLength: 500,
  /** Reason of `/perf ack`, in characters after cleaning: one sentence, shown in a check-run title and a comment. */
  reasonLength: 300,
  /** Ref names, as most file systems limit a path component set. */
  refLength: 255,
} as const;

/** `/perf bench [FILTER] [--runs N] [--vs REF]`: benchmark the pull request against its base (or `vs`). */
export interface BenchCommand {
  kind: 'bench';
  /** Glob over benchmark names; only characters from {@link FILTER_CHARACTERS}. */
  filter?: string;
  /** Interleaved pairs to run, overriding `.github/perf.yml`. */
  runs?: number;
  /** Branch, tag or SHA to compare against instead of the pull request's base. */
  vs?: string;
}

/** `/perf optimize [--target N%] [--max-iter N] [--max-regression N%] [--max-memory N%] [focus]`: run the optimization loop. */
export interface OptimizeCommand {
  kind: 'optimize';
  /** Required improvement as a fraction (`0.2` for `--target 20%`). */
  target?: number;
  maxIterations?: number;
  /** `--max-regression N%` as a fraction: the largest slowdown of another benchmark (`optimize.tradeoffs`). */
  maxRegression?: number;
  /** `--max-memory N%` as a fraction: the largest peak-memory increase. */
  maxMemory?: number;
  /**
   * What to work on, in the commenter's words. UNTRUSTED data: cleaned of control and invisible characters,
   * but it must go into prompts as quoted data, never as instructions, and never into a shell.
   */
  focus?: string;
}

/** `/perf ack [reason]`: accept the regression that failed the `perf` check run on the pull request's current head. */
export interface AckCommand {
  kind: 'ack';
  /**
   * Why, in the commenter's words. UNTRUSTED data: cleaned of control and invisible characters, whitespace
   * collapsed, at most `PERF_COMMAND_LIMITS.reasonLength` characters; escape it where it is shown
   * (`escapeMarkdownText` in Markdown: no HTML, no code, no live mention).
   */
  reason?: string;
}

/** A command the bot understood; every field is validated and typed, nothing is passed on as raw text. */
export type PerfCommand =
  | BenchCommand
  /** `/perf calibrate`: measure the default branch against itself on the worker that takes the job (its noise). */
  | { kind: 'calibrate' }
  | OptimizeCommand
  | AckCommand
  | { kind: 'status' }
  | { kind: 'cancel' }
  | { kind: 'help' };

/** A `/perf` line that could not be understood; `error` names the problem and the fix. */
export interface InvalidPerfCommand {
  kind: 'invalid';
  error: string;
}

/** Characters allowed in a bench FILTER glob: safe in any shell and in any benchmark tool's filter syntax. */
export const FILTER_CHARACTERS = /^[A-Za-z0-9_./*?[\]:=,+-]+$/;

/** Characters allowed in `--vs REF`: what real branch and tag names use, a strict subset of what git allows. */
export const REF_CHARACTERS = /^[A-Za-z0-9_./@+-]+$/;
