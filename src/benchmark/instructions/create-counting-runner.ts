import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ProcessResult } from '../runner/run-process.ts';
import type { RunUntrusted, SandboxRequest } from '../../sandbox/sandbox.ts';
import { countingArgv } from './counting-argv.ts';
import type { InstructionCounter } from './instruction-counter.ts';
import { readInstructionCount } from './read-instruction-count.ts';

/** A run under the counter: the sandbox's result, plus the count or why there is none. */
export type CountedResult = ProcessResult &
  ({ instructions: number } | { instructions?: undefined; countProblem: string });

/** Runs one request under the counter, in the same sandbox as every other command. */
export type RunCounted = (request: SandboxRequest) => Promise<CountedResult>;

/**
 * Wraps the sandbox's runner so the request's command runs under `counter`, inside the sandbox (the counter is a
 * program like any other there: /usr is visible, the worktree writable). The counter writes into a fresh folder
 * in the run's working directory (its worktree, the one place it may write), which is read from outside once the
 * run ended and always removed.
 */
export function createCountingRunner(run: RunUntrusted, counter: InstructionCounter): RunCounted {
  return async (request) => {
    const outDir = await mkdtemp(path.join(request.cwd, '.perfbot-instructions-'));
    try {
      const result = await run({ ...request, command: countingArgv(counter, request.command, outDir) });
      if (result.exitCode !== 0 || result.timedOut || result.aborted || result.limitExceeded) {
        return { ...result, countProblem: 'the run failed' };
      }
      try {
        const instructions = await readInstructionCount(counter, outDir);
        if (instructions === undefined)
          return { ...result, countProblem: 'perf stat printed <not supported> (no usable hardware counter)' };
        return { ...result, instructions };
      } catch (error) {
        return { ...result, countProblem: (error as Error).message };
      }
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  };
}
