/**
 * The phases of `/perf optimize`, in the order a run that meets its targets first time goes through them.
 * Loops go back to `analyze` (targets not met, CI failed) or `optimize` (tests failed, blocking review).
 * `confirm` measures the reviewed change once more on fresh trees before anything is committed.
 * `complete` always runs last, also after an early stop, because it posts the final report.
 */
export const PHASES = [
  'init',
  'benchmark',
  'analyze',
  'optimize',
  'verify',
  'review',
  'confirm',
  'commit',
  'monitor',
  'complete',
] as const;
export type Phase = (typeof PHASES)[number];

/** Where the state machine rests after `complete`: nothing is left to run. */
export const DONE = 'done';
/** The position of a run: a phase still to run, or `done`. */
export type PipelinePosition = Phase | typeof DONE;
export const PIPELINE_POSITIONS = [...PHASES, DONE] as const;

/**
 * How a finished run ended: `completed` when it went through COMMIT (and MONITOR) without a stop, `stopped`
 * when a cap, a failure or a cancellation ended it early (the branch is then kept for inspection).
 */
export const TERMINAL_STATES = ['completed', 'stopped'] as const;
export type TerminalState = (typeof TERMINAL_STATES)[number];
