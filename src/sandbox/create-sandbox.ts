import { runProcess } from '../benchmark/runner/run-process.ts';
import { createBubblewrapSandbox, probeBubblewrap } from './bubblewrap-sandbox.ts';
import { SandboxUnavailableError } from '../domain/errors.ts';
import { DEFAULT_SANDBOX_LIMITS, resolveLimits, withOutputLimit, type Sandbox, type SandboxLimits } from './sandbox.ts';

/**
 * `bubblewrap`: the sandbox or nothing (the app's default: where it cannot start, PR code does not run);
 * `auto`: the sandbox where it starts, else none with a warning (the CLI on your own repository);
 * `none`: no sandbox (`PERFBOT_SANDBOX=none`, `perfbot … --no-sandbox`), stated in every report.
 */
export const SANDBOX_MODES = ['bubblewrap', 'auto', 'none'] as const;
export type SandboxMode = (typeof SANDBOX_MODES)[number];

export interface CreateSandboxOptions {
  mode: SandboxMode;
  /** The operator's limits: the default and the maximum of every run. */
  limits?: SandboxLimits;
  /** Extra read-only folders shown inside (a toolchain outside /usr). */
  extraReadOnly?: readonly string[];
  /** The bwrap executable (default: found on the system PATH). */
  bwrap?: string;
  /** Told why the sandbox is not used, once, at creation. */
  warn?: (message: string) => void;
}

/**
 * The one `Sandbox` of a process: chosen once at start, passed to everything that runs untrusted code. When
 * the mode is `bubblewrap` and it cannot start, every run fails with `SandboxUnavailableError`, whose message
 * the PR comment and the logs carry.
 */
export function createSandbox(options: CreateSandboxOptions): Sandbox {
  const limits = options.limits ?? DEFAULT_SANDBOX_LIMITS;
  if (options.mode === 'none') return createUnsandboxed(limits, 'the operator turned the sandbox off');
  const bubblewrap = { limits, extraReadOnly: options.extraReadOnly, bwrap: options.bwrap };
  const problem = probeBubblewrap(bubblewrap);
  if (problem === undefined) return createBubblewrapSandbox(bubblewrap);
  if (options.mode === 'auto') {
    options.warn?.(`the sandbox cannot start (${problem}); running without it. Pass --no-sandbox to silence this.`);
    return createUnsandboxed(limits, `the sandbox could not start: ${problem}`);
  }
  const message = `Perfbot's sandbox cannot start on this worker, so no code from the pull request was run: ${problem}. The operator can fix the machine (see "Security: the sandbox" and "Container settings" in Perfbot's README) or, only for trusted repositories, set PERFBOT_SANDBOX=none.`;
  options.warn?.(message);
  return {
    kind: 'bubblewrap',
    description: 'unavailable',
    run: () => Promise.reject(new SandboxUnavailableError(message)),
  };
}

/**
 * No isolation: the command runs as the worker's user with its files and network, only the environment filtered
 * and the limits enforced. For trusted code only; every report says so.
 */
function createUnsandboxed(limits: SandboxLimits, why: string): Sandbox {
  return {
    kind: 'none',
    description: `no sandbox (${why}): commands ran as the worker's own user, with its files and network`,
    async run(request) {
      const resolved = resolveLimits(limits, request);
      const maxOutputBytes = request.maxOutputBytes ?? resolved.outputBytes;
      const result = await runProcess({
        ...request,
        maxOutputBytes,
        limits: { memoryBytes: resolved.memoryBytes, processes: resolved.processes },
      });
      return withOutputLimit(result, maxOutputBytes);
    },
  };
}
