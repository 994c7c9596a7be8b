import {
  describeLimitExceeded,
  type RunUntrusted,
  type SandboxLimits,
  type SandboxNetwork,
} from '../sandbox/sandbox.ts';
import type { CommandSpec } from '../config/command-spec.ts';
import { BenchCancelledError } from '../domain/errors.ts';

/**
 * The repository's tests on one checkout. `output` (untrusted) is the tail of a failing run, for the optimizer;
 * of a passing run it is everything it printed (stdout, then stderr; the tail when that was too long to keep),
 * for `parseTestCount`.
 */
export type TestRun = { result: 'passed'; output: string } | { result: 'failed'; output: string } | { result: 'none' };

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
  /** The sandbox's network for it (perf.yml's `test.network`, or `benchmark.setupNetwork` for the setup). */
  network: SandboxNetwork;
  limits: Partial<SandboxLimits>;
  /** The sandbox's home for it (shared with the setup that ran before it); default a fresh empty one. */
  home?: string;
}

/**
 * Runs `test.command` with the process runner (whole process tree killed at the end, timeout, abort).
 * A non-zero exit or a timeout is a failure, with the last lines of output so the optimizer can fix it; a pass
 * keeps its output so its test count can be read.
 * @throws BenchCancelledError when the signal fires.
 */
export async function runTestCommand(input: RunTestCommandInput, runProcess: RunUntrusted): Promise<TestRun> {
  if (input.command === undefined) return { result: 'none' };
  const { command, cwd, env, timeoutMs, signal, network, limits, home } = input;
  const result = await runProcess({
    command,
    cwd,
    env,
    timeoutMs,
    signal,
    network,
    limits,
    ...(home === undefined ? {} : { home }),
  });
  if (result.aborted || input.signal?.aborted) throw new BenchCancelledError('the test run was cancelled');
  const label = input.label ?? 'test.command';
  if (result.limitExceeded)
    return {
      result: 'failed',
      output: `${describeLimitExceeded(label, result.limitExceeded)}\n${result.outputTail.trimEnd()}`,
    };
  if (result.exitCode === 0 && !result.timedOut) {
    const output = result.outputTruncated
      ? result.outputTail
      : [result.stdout, result.stderr].filter((text) => text !== '').join('\n');
    return { result: 'passed', output };
  }
  const how = result.timedOut
    ? `${label} timed out after ${Math.round(input.timeoutMs / 1000)} s and was killed`
    : `${label} exited with code ${result.exitCode ?? `signal ${result.signal}`}`;
  return { result: 'failed', output: `${how}\n${result.outputTail.trimEnd()}` };
}
