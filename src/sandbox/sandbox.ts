import type { LimitExceeded, ProcessOptions, ProcessResult } from '../benchmark/runner/run-process.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The network a sandboxed run gets:
 * - `none`: its own loopback only (the default for benchmark and test commands);
 * - `outbound`: the internet through a user-mode network stack (slirp4netns) that cannot reach the host's
 *   loopback, link-local (cloud metadata) or private addresses; never the worker's network namespace;
 * - `host`: the worker's own network. Only the operator can grant it (an agent that talks to a model server on
 *   the worker's network); perf.yml cannot.
 */
export const SANDBOX_NETWORKS = ['none', 'outbound', 'host'] as const;
export type SandboxNetwork = (typeof SANDBOX_NETWORKS)[number];

/** Per-run limits. Exceeding one fails the run with a message that names the limit. */
export interface SandboxLimits {
  /** Live processes of the run at once. */
  processes: number;
  /** Summed resident memory of the run's processes, in bytes. */
  memoryBytes: number;
  /** The largest file the run may write, and the size of its private `/tmp` and `$HOME`, in bytes. */
  diskBytes: number;
  /** stdout and stderr, each, in bytes. */
  outputBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = {
  processes: 1024,
  memoryBytes: 8 * 2 ** 30,
  diskBytes: 4 * 2 ** 30,
  outputBytes: 8 * 2 ** 20,
};

/** One untrusted command: a `ProcessOptions` plus what the sandbox lets it reach. */
export interface SandboxRequest extends ProcessOptions {
  /** Folders (or files) the run may write: its own worktree. Default `[cwd]`. Nothing else is writable. */
  writable?: readonly string[];
  /** Extra folders or files the run may read (an agent's executable); the system folders are always there. */
  readOnly?: readonly string[];
  /** Default `none`. */
  network?: SandboxNetwork;
  /**
   * A folder made for this run only, shown as its `$HOME` (an agent's home prepared from the operator's files).
   * Default: a private, empty tmpfs.
   */
  home?: string;
  /** Over the sandbox's defaults. */
  limits?: Partial<SandboxLimits>;
  /**
   * Let the command create user namespaces inside (bubblewrap's `--disable-userns` is left out): only for an agent
   * whose CLI runs its own commands in a sandbox of its own (Codex runs each through bwrap), never for PR code.
   */
  nestedSandbox?: boolean;
}

/** Runs one untrusted command; the only way PR or agent code is started. Failures are data, as with `runProcess`. */
export type RunUntrusted = (request: SandboxRequest) => Promise<ProcessResult>;

export const SANDBOX_KINDS = ['bubblewrap', 'none'] as const;
export type SandboxKind = (typeof SANDBOX_KINDS)[number];

/**
 * The port every untrusted process goes through: benchmark setup and commands, test commands, agents.
 * `describe` is the sentence the reports' "How we measured" carries.
 */
export interface Sandbox {
  readonly kind: SandboxKind;
  readonly description: string;
  run: RunUntrusted;
}

/**
 * The limits of one run: the request's (from perf.yml), never above the sandbox's own (the operator's), which are
 * both the default and the maximum.
 */
export function resolveLimits(operator: SandboxLimits, request: SandboxRequest): SandboxLimits {
  const pick = (key: keyof SandboxLimits) => Math.min(request.limits?.[key] ?? operator[key], operator[key]);
  return {
    processes: pick('processes'),
    memoryBytes: pick('memoryBytes'),
    diskBytes: pick('diskBytes'),
    outputBytes: pick('outputBytes'),
  };
}

/** A sentence for a report or a PR comment: which limit a command went over and how to raise it. */
export function describeLimitExceeded(what: string, exceeded: LimitExceeded): string {
  const key = {
    memory: 'limits.memoryMb',
    processes: 'limits.processes',
    disk: 'limits.diskMb',
    output: 'limits.outputMb',
  }[exceeded.limit];
  return `${what} ${exceeded.message}. Raise \`${key}\` in .github/perf.yml (up to the operator's maximum) if it really needs more.`;
}

/** The result of a run that went over its output limit: failing, whatever it exited with. */
export function withOutputLimit(result: ProcessResult, outputBytes: number): ProcessResult {
  if (!result.outputTruncated || result.limitExceeded) return result;
  const mib = Math.round((outputBytes / 2 ** 20) * 10) / 10;
  return { ...result, limitExceeded: { limit: 'output', message: `printed more than its output limit of ${mib} MiB` } };
}

/**
 * A home for one side of a comparison, shared by its setup and its runs (a Go module cache or a pip --user install
 * made by setup is still there for the benchmark), outside every worktree, removed by `remove`.
 */
export async function createSideHome(side: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `perfbot-home-${side}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
