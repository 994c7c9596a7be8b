/**
 * How instructions are counted on this machine, chosen once at the start of a run (`detectInstructionCounter`):
 * - `perf`: `perf stat -e instructions:u`, the CPU's own counter (needs a PMU that `perf_event_open` can use);
 * - `cachegrind`: Valgrind's instruction reads (`Ir`) with the cache simulation off — exact, ~20–50× slower, and
 *   available where there are no hardware counters (most VMs and hosted CI).
 */
export interface InstructionCounter {
  kind: 'perf' | 'cachegrind';
  /** Absolute path of perf or valgrind, found on the worker's PATH (never the command's). */
  program: string;
}

/** The name and command line a report shows for each counter. */
export const COUNTER_DESCRIPTIONS: Record<InstructionCounter['kind'], string> = {
  perf: 'perf stat -e instructions:u (hardware counter, user space, whole process tree)',
  cachegrind:
    'valgrind --tool=cachegrind --cache-sim=no --trace-children=yes (instruction reads of every process of the tree)',
};

/** How instructions were counted (`benchmark.measure: instructions`), as the report states it. */
export interface InstructionMethod {
  counter: 'perf' | 'cachegrind';
  /** The counter's command line, in words. */
  description: string;
  /** The `instructions` rows' noise band (fraction). */
  noiseBand: number;
  /** What was done to make the runtime deterministic, and what remains non-deterministic. */
  runtime?: string;
  /**
   * The start-up subtracted from every counted run of each side: the count of the same runtime, with the same
   * flags, running an empty program (measured once per side). Absent for native programs: nothing subtracted.
   */
  startup?: { command: string; base: number; head: number };
}
