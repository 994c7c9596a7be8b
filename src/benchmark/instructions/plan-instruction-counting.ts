import { COUNTER_DESCRIPTIONS, type InstructionCounter, type InstructionMethod } from './instruction-counter.ts';
import type { RunUntrusted } from '../../sandbox/sandbox.ts';
import { createCountingRunner, type RunCounted } from './create-counting-runner.ts';
import { detectInstructionCounter } from './detect-instruction-counter.ts';
import { deterministicRuntime, type DeterministicRuntime } from './deterministic-runtime.ts';

/** Everything a session needs to count instructions: the counter, its runner, the runtime's deterministic mode. */
export interface InstructionCounting {
  counter: InstructionCounter;
  runCounted: RunCounted;
  runtime: DeterministicRuntime;
  /** The start-up count of each side (the empty program's), once measured; subtracted from every counted run. */
  startup: { base?: number; head?: number };
}

export interface PlanCountingOptions {
  command: string | string[];
  run: RunUntrusted;
  searchPath: string | undefined;
  cwd: string;
  env: Record<string, string>;
  signal?: AbortSignal;
}

/** Detects the counter (or refuses) and puts the command's runtime in its deterministic mode. */
export async function planInstructionCounting(options: PlanCountingOptions): Promise<InstructionCounting> {
  const counter = await detectInstructionCounter(options);
  return {
    counter,
    runCounted: createCountingRunner(options.run, counter),
    runtime: deterministicRuntime(options.command),
    startup: {},
  };
}

/** What "How we measured" says about the counting: which counter, which runtime mode, how counts were attributed. */
export function describeInstructionCounting(counting: InstructionCounting, noiseBand: number): InstructionMethod {
  const { base, head } = counting.startup;
  const { startup } = counting.runtime;
  return {
    counter: counting.counter.kind,
    description: COUNTER_DESCRIPTIONS[counting.counter.kind],
    noiseBand,
    ...(counting.runtime.note === undefined ? {} : { runtime: counting.runtime.note }),
    ...(startup === undefined || base === undefined || head === undefined
      ? {}
      : { startup: { command: typeof startup === 'string' ? startup : JSON.stringify(startup), base, head } }),
  };
}
