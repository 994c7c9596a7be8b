import type { ProcessOptions, ProcessResult } from '../src/benchmark/runner/run-process.ts';
import type { Random } from '../src/benchmark/seeded-random.ts';
import { measureSpin, type SpinFormat } from './measure-spin.ts';

export interface UnpairedRuns {
  base: number[];
  head: number[];
}

/**
 * hyperfine's order: every base run, then every head run, no warm-up, no interleaving. The same
 * runner and env padding as the engine, so only the design and the test differ.
 */
export async function runUnpairedDesign(
  runProcess: (options: ProcessOptions) => Promise<ProcessResult>,
  dirs: { base: string; head: string },
  runsPerSide: number,
  command: string[],
  env: Record<string, string>,
  format: SpinFormat,
  random: Random,
): Promise<UnpairedRuns> {
  const runs: UnpairedRuns = { base: [], head: [] };
  for (const side of ['base', 'head'] as const) {
    for (let i = 0; i < runsPerSide; i++) {
      const padded = { ...env, PERFBOT_ENV_PADDING: 'X'.repeat(Math.floor(random() * 4096)) };
      const run = await measureSpin(runProcess, { command, env: padded, timeoutMs: 30_000 }, dirs[side], format);
      runs[side].push(run.value);
    }
  }
  return runs;
}
