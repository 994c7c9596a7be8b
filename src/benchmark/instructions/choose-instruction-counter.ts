import type { InstructionCounter } from './instruction-counter.ts';

/** What the start-up probe found for one tool: its path and whether it counted, or why it did not. */
export type CounterProbe = { program: string; counted: true } | { program: string; counted: false; problem: string };

export type CounterChoice = { counter: InstructionCounter } | { refusal: string };

/**
 * Picks the counter: perf when it really counted (the hardware counter is cheap and exact enough), else
 * cachegrind when it counted, else a refusal that says what was tried and how to fix it.
 */
export function chooseInstructionCounter(probes: { perf?: CounterProbe; valgrind?: CounterProbe }): CounterChoice {
  if (probes.perf?.counted) return { counter: { kind: 'perf', program: probes.perf.program } };
  if (probes.valgrind?.counted) return { counter: { kind: 'cachegrind', program: probes.valgrind.program } };
  const tried = [
    probes.perf
      ? `perf stat could not count instructions:u (${probes.perf.counted ? '' : probes.perf.problem})`
      : 'perf is not installed',
    probes.valgrind
      ? `valgrind could not count (${probes.valgrind.counted ? '' : probes.valgrind.problem})`
      : 'valgrind is not installed',
  ];
  return {
    refusal:
      `benchmark.measure is instructions, but this machine cannot count instructions: ${tried.join('; ')}. ` +
      'The operator can install valgrind (Debian/Ubuntu: apt-get install valgrind), which counts on any Linux machine, ' +
      'or linux-perf where the CPU exposes performance counters (bare metal, some cloud instance types); ' +
      'otherwise set benchmark.measure to time in .github/perf.yml (or pass --measure time).',
  };
}
