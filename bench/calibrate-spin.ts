import { median } from '../src/benchmark/stats/descriptive-statistics.ts';
import type { ProcessOptions, ProcessResult } from '../src/benchmark/runner/run-process.ts';
import { measureSpin, type SpinFormat } from './measure-spin.ts';

export interface SpinCalibration {
  /** Loop iterations at factor 1. */
  iterations: number;
  /** Median measured value with an empty loop (factor 0): process start-up and the runner's bash wrapper. */
  fixedNs: number;
  /** Median measured value at factor 1. */
  totalNs: number;
  /**
   * The `factor` that makes the *measured* value grow by `change`: start-up does not scale with the
   * loop, so a 10% longer loop would be a smaller change in wall time.
   */
  factorFor: (change: number) => number;
}

/** Sizes the loop to about `loopMs`, then measures the fixed part with factor-0 and factor-1 runs interleaved. */
export async function calibrateSpin(
  runProcess: (options: ProcessOptions) => Promise<ProcessResult>,
  binary: string,
  dirs: { zero: string; one: string },
  env: Record<string, string>,
  format: SpinFormat,
  loopMs: number,
): Promise<SpinCalibration> {
  const probeIterations = 5e6;
  const loopNs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const run = await measureSpin(
      runProcess,
      { command: [binary, String(probeIterations), 'bmf'], env, timeoutMs: 30_000 },
      dirs.one,
      'bmf',
    );
    loopNs.push(run.value);
  }
  const iterations = Math.round((probeIterations * loopMs * 1e6) / median(loopNs));
  const command = format === 'bmf' ? [binary, String(iterations), 'bmf'] : [binary, String(iterations)];
  const zero: number[] = [];
  const one: number[] = [];
  for (let i = 0; i < 15; i++) {
    zero.push((await measureSpin(runProcess, { command, env, timeoutMs: 30_000 }, dirs.zero, format)).value);
    one.push((await measureSpin(runProcess, { command, env, timeoutMs: 30_000 }, dirs.one, format)).value);
  }
  const fixedNs = median(zero);
  const totalNs = median(one);
  const scale = totalNs / Math.max(totalNs - fixedNs, 1);
  return { iterations, fixedNs, totalNs, factorFor: (change) => 1 + change * scale };
}
