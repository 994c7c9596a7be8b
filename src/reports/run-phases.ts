import { PHASES, type Phase } from '../domain/phase-names.ts';

/** The states a phase of a run can be in; the status comment shows one emoji per state. */
export const RUN_PHASE_STATES = ['pending', 'running', 'done', 'failed', 'skipped', 'cancelled'] as const;
export type RunPhaseState = (typeof RUN_PHASE_STATES)[number];

/**
 * One phase of a run as the status comment shows it. Times are epoch milliseconds from the job's clock, so a
 * rendering depends only on this data and the `now` passed to the renderer.
 */
export interface RunPhaseStatus {
  /** One of {@link BENCH_PHASES} or {@link OPTIMIZE_PHASES}; other names are shown as given (escaped). */
  name: string;
  state: RunPhaseState;
  startedAt?: number;
  endedAt?: number;
  /**
   * Progress or result in a few words, written by Perfbot: `pair 4 of 20`, `iteration 2 of 3`. It is escaped
   * when rendered anyway, because it may quote a benchmark name.
   */
  detail?: string;
}

/** The phases of `/perf bench`, in order. */
export const BENCH_PHASES = ['queued', 'checkout', 'setup', 'measure', 'report'] as const;
export type BenchPhase = (typeof BENCH_PHASES)[number];

/**
 * The phases of `/perf optimize`, in order. `analyze` to `review` repeat once per iteration; the pipeline
 * reports the iteration in `detail` (`iteration 2 of 3`) rather than adding phases.
 */
export const OPTIMIZE_PHASES = PHASES;
export type OptimizePhase = Phase;

export type RunKind = 'bench' | 'optimize';

/** What each phase is called in comments: says what happens, with the perf.yml key where there is one. */
export const PHASE_LABELS: Readonly<Record<BenchPhase | OptimizePhase, string>> = {
  queued: 'Queued',
  checkout: 'Check out base and head',
  setup: 'Set up (benchmark.setup)',
  measure: 'Measure (interleaved pairs)',
  report: 'Report',
  init: 'Check out and read .github/perf.yml',
  benchmark: 'Benchmark the starting point',
  analyze: 'Analyze (find the hot spots)',
  optimize: 'Optimize (agent edits the code)',
  verify: 'Verify (tests and benchmarks)',
  review: 'Review the change',
  confirm: 'Confirm on fresh trees (a new measurement)',
  commit: 'Commit and push',
  monitor: 'Watch CI checks',
  complete: 'Complete',
};

/** The phase names of a kind of run, in order. */
export function runPhaseNames(kind: RunKind): readonly string[] {
  return kind === 'bench' ? BENCH_PHASES : OPTIMIZE_PHASES;
}

/** Every phase of `kind`, pending: the checklist of a run that was just accepted. */
export function pendingRunPhases(kind: RunKind): RunPhaseStatus[] {
  return runPhaseNames(kind).map((name) => ({ name, state: 'pending' }));
}

/** The label of a known phase, or undefined for a name this version does not know. */
export function phaseLabel(name: string): string | undefined {
  return Object.hasOwn(PHASE_LABELS, name) ? PHASE_LABELS[name as keyof typeof PHASE_LABELS] : undefined;
}
