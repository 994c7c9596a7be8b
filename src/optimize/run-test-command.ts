import type { ProcessOptions, ProcessResult } from '../benchmark/runner/run-process.ts';
import type { CommandSpec } from '../config/command-spec.ts';
import { BenchCancelledError } from '../domain/errors.ts';

/** The repository's tests on one checkout. `output` is the tail of a failing run (untrusted). */
export type TestRun = { result: 'passed' } | { result: 'failed'; output: string } | { result: 'none' };

export interface RunTestCommandInput {
  /** `test.command` from perf.yml; undefined when the repository configures none. */
  command: CommandSpec | undefined;
  cwd: string;
  /** Allow-listed (`buildChildEnv`): tests run the agent's code, so they get no secrets. */
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  /** How the command is named in the failure message; default `test.command`. */
  label?: string;
}

/**
 * Runs `test.command` with the process runner (whole process tree killed at the end, timeout, abort).
 * A non-zero exit or a timeout is a failure, with the last lines of output so the optimizer can fix it.
 * @throws BenchCancelledError when the signal fires.
 */
export async function runTestCommand(
  input: RunTestCommandInput,
  runProcess: (options: ProcessOptions) => Promise<ProcessResult>,
): Promise<TestRun> {
  if (input.command === undefined) return { result: 'none' };
  const result = await runProcess({ command: input.command, cwd: input.cwd, env: input.env, timeoutMs: input.timeoutMs, signal: input.signal });
  if (result.aborted || input.signal?.aborted) throw new BenchCancelledError('the test run was cancelled');
  if (result.exitCode === 0 && !result.timedOut) return { result: 'passed' };
  const label = input.label ?? 'test.command';
  const how = result.timedOut
    ? `${label} timed out after ${Math.round(input.timeoutMs / 1000)} s and was killed`
    : `${label} exited with code ${result.exitCode ?? `signal ${result.signal}`}`;
  return { result: 'failed', output: `${how}\n${result.outputTail.trimEnd()}` };
}
