import { findOnPath } from '../runner/find-launch-problem.ts';
import type { RunUntrusted } from '../../sandbox/sandbox.ts';
import { chooseInstructionCounter, type CounterProbe } from './choose-instruction-counter.ts';
import { createCountingRunner } from './create-counting-runner.ts';
import { InstructionCounterUnavailableError } from '../../domain/errors.ts';
import type { InstructionCounter } from './instruction-counter.ts';

export interface DetectCounterOptions {
  run: RunUntrusted;
  /** The worker's PATH (the allow-listed environment's, never perf.yml's): where perf and valgrind are looked up. */
  searchPath: string | undefined;
  /** A folder the sandboxed probe may write (the base worktree). */
  cwd: string;
  env: Record<string, string>;
  signal?: AbortSignal;
}

/** The probe's program: trusted, tiny, and the same everywhere. */
const PROBE_COMMAND = ['/bin/true'];
const PROBE_TIMEOUT_MS = 30_000;

/**
 * Which counter works here, decided by counting `/bin/true` with each through the sandbox — the same path the
 * benchmark's counted runs take, so "it counted" means it will count there too (perf_event_open may be refused
 * in a container; valgrind may be outside the folders the sandbox shows). perf is tried first; its probe needs no
 * counter to exist to answer. Throws `InstructionCounterUnavailableError` (a user error) when neither counts.
 */
export async function detectInstructionCounter(options: DetectCounterOptions): Promise<InstructionCounter> {
  const probe = async (kind: InstructionCounter['kind'], name: string): Promise<CounterProbe | undefined> => {
    const program = options.searchPath === undefined ? undefined : findOnPath(name, options.searchPath, '/');
    if (program === undefined) return undefined;
    const counted = await createCountingRunner(options.run, { kind, program })({
      command: PROBE_COMMAND,
      cwd: options.cwd,
      env: options.env,
      timeoutMs: PROBE_TIMEOUT_MS,
      signal: options.signal,
    });
    if (counted.instructions !== undefined && counted.instructions > 0) return { program, counted: true };
    const said = counted.outputTail.trim().split('\n').slice(-2).join(' ').slice(0, 300);
    const problem = counted.instructions === undefined ? counted.countProblem : 'it counted 0 instructions';
    return { program, counted: false, problem: said === '' ? problem : `${problem}: ${said}` };
  };
  const perf = await probe('perf', 'perf');
  if (perf?.counted) return { kind: 'perf', program: perf.program };
  const valgrind = await probe('cachegrind', 'valgrind');
  const choice = chooseInstructionCounter({ ...(perf ? { perf } : {}), ...(valgrind ? { valgrind } : {}) });
  if ('refusal' in choice) throw new InstructionCounterUnavailableError(choice.refusal);
  return choice.counter;
}
