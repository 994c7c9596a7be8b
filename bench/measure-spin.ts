import type { ProcessOptions, ProcessResult } from '../src/benchmark/runner/run-process.ts';

/** `time`: the process's wall time as the engine measures it; `bmf`: the loop time the program prints. */
export type SpinFormat = 'time' | 'bmf';

export interface SpinRun {
  /** The value a design compares, in ns. */
  value: number;
  /** runProcess's wall time of the run, in ns. */
  wallNs: number;
}

/** One measured run of the spin program in `dir`, through the engine's own process runner. */
export async function measureSpin(
  runProcess: (options: ProcessOptions) => Promise<ProcessResult>,
  options: Omit<ProcessOptions, 'cwd'>,
  dir: string,
  format: SpinFormat,
): Promise<SpinRun> {
  const result = await runProcess({ ...options, cwd: dir });
  if (result.exitCode !== 0) throw new Error(`spin failed in ${dir} (exit ${result.exitCode}): ${result.outputTail}`);
  if (format === 'time') return { value: result.wallNs, wallNs: result.wallNs };
  const parsed = JSON.parse(result.stdout) as { spin: { latency: { value: number } } };
  return { value: parsed.spin.latency.value, wallNs: result.wallNs };
}
