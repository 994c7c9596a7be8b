import type { BenchSettings } from '../benchmark/bench-settings.ts';
import { buildChildEnv } from '../benchmark/runner/build-child-env.ts';
import type { SandboxRequest } from '../sandbox/sandbox.ts';

/**
 * The sandbox request for one of perf.yml's benchmark commands run on its own (BENCHMARK's baseline runs, its
 * profile): the command's network, perf.yml's limits and timeout, and its env through the same filter as in the
 * engine (no secrets, no BASH_ENV).
 */
export function benchmarkRunRequest(
  settings: BenchSettings,
  what: 'setup' | 'benchmark',
  run: {
    command: string | readonly string[];
    cwd: string;
    env: Record<string, string>;
    home: string;
    signal?: AbortSignal | undefined;
  },
): SandboxRequest {
  return {
    command: run.command,
    cwd: run.cwd,
    env: { ...run.env, ...buildChildEnv({}, settings.env) },
    timeoutMs: settings.timeoutMs,
    signal: run.signal,
    network: what === 'setup' ? settings.network.setup : settings.network.command,
    limits: settings.limits,
    home: run.home,
  };
}
