import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { createOutputCapture, type OutputCapture } from './create-output-capture.ts';
import { createProcessTree, type ProcessTree } from './create-process-tree.ts';
import { findLaunchProblem } from './find-launch-problem.ts';
import { killProcessTree } from './kill-process-tree.ts';
import { sampleProcessTree } from './sample-process-tree.ts';
import { readProcStat } from './proc-fs.ts';
import { parseTimesOutput, parseWallOutput, wrapCommand } from './wrap-command.ts';

/** One command to run and measure. */
export interface ProcessOptions {
  /** A string runs through `/bin/sh -c`; an argv array is exec'd as is, never through a shell. */
  command: string | readonly string[];
  cwd: string;
  /** The child's entire environment (build it with `buildChildEnv`); process.env is never inherited. */
  env: Record<string, string>;
  timeoutMs: number;
  /** Aborting kills the whole tree; the result then has `aborted: true`. */
  signal?: AbortSignal;
  /** Per stream; default 8 MiB. The head of stdout and the tail of stderr are kept. */
  maxOutputBytes?: number;
  /** Time between SIGTERM and SIGKILL when the tree is killed; default 1000 ms. */
  killGraceMs?: number;
  /**
   * Written to the command's stdin, which is then closed. Without it stdin is `/dev/null`, so a command that
   * reads its input never waits for a terminal.
   */
  stdin?: string;
  /** Enforced while the run is sampled: the first sample over a limit kills the tree and sets `limitExceeded`. */
  limits?: TreeLimits;
  /**
   * Starts the wrapper inside something (a sandbox): gets the wrapper's argv and returns the argv to spawn. The
   * wrapper then times the command from inside, so the launcher's start-up is not part of `wallNs` or `cpuNs`.
   */
  launch?: (wrapperArgv: readonly string[]) => string[];
  /** Names (`comm`) of the launcher's own processes: members of the tree (killed with it), but not measured. */
  unmeasured?: readonly string[];
}

/** Limits on the whole process tree of one run. */
export interface TreeLimits {
  /** Summed resident memory of the tree, in bytes. */
  memoryBytes?: number;
  /** Live processes in the tree at once. */
  processes?: number;
}

/** Which limit a run went over, and a message that names it (the caller adds how to raise it). */
export interface LimitExceeded {
  limit: 'memory' | 'processes' | 'disk' | 'output';
  message: string;
}

/** What one run did. Failures (non-zero exit, timeout, abort, could not start) are data, never thrown. */
export interface ProcessResult {
  /** 127 when the command could not start (see `outputTail`); null when the wrapper was killed by a signal. */
  exitCode: number | null;
  /**
   * Set when the run itself was killed (timeout, abort, or from outside). A command killed by signal n
   * inside the run reports exit code 128+n instead, as a shell would.
   */
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  /** Wall time from spawn to exit, in ns. */
  wallNs: number;
  /** User + system CPU of the whole tree (every waited-for descendant), in ns. */
  cpuNs: number;
  /** Peak over /proc samples of the summed resident memory of every process of the run, in bytes. */
  peakRssBytes: number;
  stdout: string;
  stderr: string;
  /** The last ~40 lines of stdout and stderr interleaved; not redacted. */
  outputTail: string;
  /** stdout or stderr was longer than `maxOutputBytes` and was cut. */
  outputTruncated: boolean;
  /** Processes of the run that could not be killed (normally 0; more means a leak worth reporting). */
  survivingProcesses: number;
  /** Set when the run was killed (or failed) for going over one of its limits. */
  limitExceeded?: LimitExceeded;
}

/** The environment variable that marks every process of a run, so descendants that escaped the tree are still found. */
export const RUN_COOKIE_VARIABLE = 'PERFBOT_RUN_COOKIE';

const DEFAULT_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
/** How long to wait for stdio to close after the tree is dead, in case an untracked process holds a pipe. */
const CLOSE_WAIT_MS = 2000;
/** setTimeout fires at once for delays above 2^31-1 ms (~24.8 days); longer timeouts are clamped to that. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs one command and measures it: wall time, CPU and peak RSS of its whole process tree. The tree is
 * always killed at the end — after a timeout, an abort, and also after a normal exit, so a benchmark that
 * leaves a daemon behind cannot leak it into the next run.
 */
export async function runProcess(options: ProcessOptions): Promise<ProcessResult> {
  const argv = wrapCommand(options.command, options.env);
  const problem = findLaunchProblem(argv.slice(4), options.cwd, options.env.PATH);
  if (problem) return notStarted(problem);
  if (options.signal?.aborted) return { ...notStarted('aborted before it started'), exitCode: null, aborted: true };

  const cookie = `${ownerTag()}.${randomBytes(16).toString('hex')}`;
  const tree = createProcessTree(`${RUN_COOKIE_VARIABLE}=${cookie}`);
  tree.markExistingAsOutsiders();
  const output = createOutputCapture(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
  const started = process.hrtime.bigint();
  // Node's stdin pipe is a socket, and bash takes a socket on stdin for a remote shell daemon and then reads
  // ~/.bashrc; --norc --noprofile keep any shell start-up file out of every run, whatever stdin is.
  const wrapper = [argv[0]!, '--norc', '--noprofile', ...argv.slice(1)];
  const launched = options.launch ? options.launch(wrapper) : wrapper;
  let child: ChildProcess;
  try {
    child = spawn(launched[0]!, launched.slice(1), {
      cwd: options.cwd,
      env: { ...options.env, [RUN_COOKIE_VARIABLE]: cookie },
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe', 'pipe'],
    });
  } catch (error) {
    return notStarted(`could not start the command: ${(error as Error).message}`);
  }
  if (options.stdin !== undefined && child.stdin) {
    // A command that exits without reading its input closes the pipe (EPIPE): that is its choice, not a failure.
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin);
  }
  return await superviseRun(child, tree, output, started, options);
}

async function superviseRun(
  child: ChildProcess,
  tree: ProcessTree,
  output: OutputCapture,
  started: bigint,
  options: ProcessOptions,
): Promise<ProcessResult> {
  const graceMs = options.killGraceMs ?? 1000;
  const timesChunks: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.onStdout(chunk));
  child.stderr!.on('data', (chunk: Buffer) => output.onStderr(chunk));
  (child.stdio[3] as Readable).on('data', (chunk: Buffer) => timesChunks.push(chunk));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const ended = new Promise<{ code: number | null; signal: string | null; at: bigint } | Error>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal, at: process.hrtime.bigint() }));
    child.once('error', resolve);
  });

  if (child.pid !== undefined) tree.adopt(child.pid);

  let timedOut = false;
  let aborted = false;
  let killing: Promise<number> | undefined;
  const kill = () =>
    (killing ??= killProcessTree(tree, { graceMs }).then((survivors) => {
      // Safety net where /proc cannot be read (non-Linux): at least the wrapper must die, or we would wait forever.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return survivors;
    }));
  const timeoutTimer = setTimeout(
    () => {
      timedOut = true;
      void kill();
    },
    Math.min(options.timeoutMs, MAX_TIMER_MS),
  );
  const onAbort = () => {
    aborted = true;
    void kill();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let limitExceeded: LimitExceeded | undefined;
  const sampling = sampleProcessTree(tree, options.unmeasured ?? [], (sample) => {
    if (limitExceeded) return;
    limitExceeded = overLimit(sample, options.limits);
    if (limitExceeded) void kill();
  });

  const end = await ended;
  const samples = sampling.stop();
  clearTimeout(timeoutTimer);
  options.signal?.removeEventListener('abort', onAbort);
  await killing;
  // Leftovers after a normal exit (daemons, stragglers) are killed too.
  const survivingProcesses = await killProcessTree(tree, { graceMs });
  if (!(await settlesWithin(closed, CLOSE_WAIT_MS))) for (const stream of child.stdio) stream?.destroy();

  if (end instanceof Error) return notStarted(`could not start the command: ${end.message}`);
  const timesText = Buffer.concat(timesChunks).toString('utf8');
  const timesCpuNs = parseTimesOutput(timesText) ?? 0;
  const innerWallNs = parseWallOutput(timesText);
  const captured = output.result();
  return {
    exitCode: end.code,
    signal: end.signal,
    timedOut,
    aborted,
    // The wrapper's own measurement when it finished normally; spawn-to-exit otherwise (killed, timed out).
    wallNs: innerWallNs ?? Number(end.at - started),
    // Both are lower bounds: `times` misses daemons nobody waited for, polling misses the last < 15 ms.
    cpuNs: Math.max(timesCpuNs, samples.cpuNs),
    peakRssBytes: samples.peakRssBytes,
    stdout: captured.stdout,
    stderr: captured.stderr,
    outputTail: captured.outputTail,
    outputTruncated: captured.truncated,
    survivingProcesses,
    ...(limitExceeded ? { limitExceeded } : {}),
  };
}

function overLimit(
  sample: { rssBytes: number; processes: number },
  limits: TreeLimits | undefined,
): LimitExceeded | undefined {
  if (limits?.memoryBytes !== undefined && sample.rssBytes > limits.memoryBytes) {
    const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
    return {
      limit: 'memory',
      message: `used ${mib(sample.rssBytes)} of memory, over its limit of ${mib(limits.memoryBytes)}, and was killed`,
    };
  }
  if (limits?.processes !== undefined && sample.processes > limits.processes) {
    return {
      limit: 'processes',
      message: `ran ${sample.processes} processes at once, over its limit of ${limits.processes}, and was killed`,
    };
  }
  return undefined;
}

/** Whether `promise` settles within `ms`; the timer is cancelled either way so it cannot hold the process open. */
async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
  const timer = new AbortController();
  const timedOut = sleep(ms, false, { signal: timer.signal }).catch(() => false);
  const settled = await Promise.race([promise.then(() => true), timedOut]);
  timer.abort();
  return settled;
}

/** The result of a command that could not start (exit code 127, the reason as its output), as `runProcess` returns it. */
export function notStarted(message: string): ProcessResult {
  return {
    exitCode: 127,
    signal: null,
    timedOut: false,
    aborted: false,
    wallNs: 0,
    cpuNs: 0,
    peakRssBytes: 0,
    stdout: '',
    stderr: message,
    outputTail: message,
    outputTruncated: false,
    survivingProcesses: 0,
  };
}

let ownTag: string | undefined;

/**
 * `<pid>.<start time>.<pid namespace>` of this process: the first part of every run cookie, so that a later start
 * of the worker can tell the processes of a worker that died (whose owner no longer exists) from those of a live
 * one (`reapOrphans`). The start time makes it safe against pid reuse; the pid namespace (the inode of
 * /proc/self/ns/pid) keeps a worker from judging a container's workers by pids that mean nothing outside it.
 */
export function ownerTag(): string {
  ownTag ??= `${process.pid}.${readProcStat(process.pid)?.startTime ?? '0'}.${pidNamespace() ?? '0'}`;
  return ownTag;
}

/** The inode of this process's pid namespace (`pid:[4026531836]` → `4026531836`), when /proc shows it. */
export function pidNamespace(): string | undefined {
  try {
    return /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1];
  } catch {
    return undefined;
  }
}
