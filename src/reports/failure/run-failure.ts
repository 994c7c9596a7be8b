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

// The failures told in fixed words: their message is Perfbot's own business (server paths, Redis keys, stack
// traces), or it says nothing the reader can act on.

export const INTERNAL_ERROR: RunFailure = {
  title: 'Perfbot hit an internal error',
  problem: 'Something went wrong inside Perfbot, not in this pull request or its benchmarks.',
  fix: 'Run the command again. If it fails again, ask whoever runs Perfbot to look up this run in the server logs (the run id is at the bottom of this comment).',
};

export const GIT_UNAVAILABLE: RunFailure = {
  title: 'Perfbot could not fetch the repository',
  problem: 'Git failed while Perfbot was fetching or checking out the code. This is usually temporary.',
  fix: 'Run the command again in a few minutes. If it keeps failing, ask whoever runs Perfbot to look up this run in the server logs.',
};

export const CHECKPOINT_UNUSABLE: RunFailure = {
  title: 'Perfbot could not read the saved progress of this run',
  problem:
    'The checkpoint Perfbot keeps for this run is damaged or was written by a version of Perfbot that this one cannot read, so the run cannot go on from it. Nothing in this pull request caused it.',
  fix: 'Run the command again: a new run starts from the beginning. If it keeps failing, ask whoever runs Perfbot to look up this run in the server logs (the run id is at the bottom of this comment).',
};

export const NO_AGENTS_CONFIGURED: RunFailure = {
  title: 'This Perfbot has no agents configured',
  problem: 'this Perfbot has no agents configured (`PERFBOT_CONFIG`), so it cannot run `/perf optimize`.',
  fix: 'Ask whoever runs this Perfbot to set `PERFBOT_CONFIG` to a file that lists at least one agent. `/perf bench` works without one.',
};

export const RUN_CANCELLED: RunFailure = {
  title: 'The run was cancelled',
  problem: 'The run was stopped before it finished.',
  fix: 'Run the command again to start over.',
};
