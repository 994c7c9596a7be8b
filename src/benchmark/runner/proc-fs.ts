import { readdirSync, readFileSync } from 'node:fs';

/**
 * Thin, synchronous readers of Linux's `/proc`. Synchronous on purpose: each file is a few hundred bytes
 * served from kernel memory, so a blocking read costs microseconds, far less than a trip through libuv's
 * thread pool, and a whole scan stays one short burst on the event loop.
 * Every reader returns `undefined` when the process vanished or is not ours to read (EACCES), because
 * both are normal while a process tree is starting and dying.
 */

/** Clock ticks per second of `/proc/<pid>/stat` times (USER_HZ): 100 on every mainstream Linux ABI. */
export const CLOCK_TICKS_PER_SECOND = 100;

/** The fields of `/proc/<pid>/stat` the runner needs. */
export interface ProcStat {
  pid: number;
  /** The program's name as the kernel keeps it (at most 15 bytes). */
  comm: string;
  ppid: number;
  /** One-letter state: R, S, D, Z (zombie), X (dead), T… */
  state: string;
  /** Start time in clock ticks after boot; with the pid it identifies a process across pid reuse. */
  startTime: string;
  /** utime + stime of the process itself, in clock ticks. */
  ownTicks: number;
  /** cutime + cstime: CPU of its children that it has already waited for, in clock ticks. */
  reapedChildTicks: number;
}

/** Numeric entries of `/proc`, i.e. every process visible to us; none where there is no `/proc` (macOS). */
export function listPids(): number[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (Number.isInteger(pid) && pid > 0) pids.push(pid);
  }
  return pids;
}

export function readProcStat(pid: number): ProcStat | undefined {
  const text = readOrUndefined(`/proc/${pid}/stat`);
  if (text === undefined) return undefined;
  // `comm` (field 2) is in parentheses and may itself contain spaces and parentheses.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const tick = (index: number) => Number(fields[index] ?? 0);
  return {
    pid,
    comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')),
    state: fields[0] ?? '?',
    ppid: tick(1),
    ownTicks: tick(11) + tick(12),
    reapedChildTicks: tick(13) + tick(14),
    startTime: fields[19] ?? '',
  };
}

/** Resident set size from `VmRSS` in `/proc/<pid>/status`; 0 for zombies and kernel threads. */
export function readRssBytes(pid: number): number {
  const text = readOrUndefined(`/proc/${pid}/status`);
  const match = text?.match(/^VmRSS:\s+(\d+) kB$/m);
  return match ? Number(match[1]) * 1024 : 0;
}

/** The value of `name` in the process's initial environment (as of its last execve), if set. */
export function readEnvironValue(pid: number, name: string): string | undefined {
  let environ: Buffer;
  try {
    environ = readFileSync(`/proc/${pid}/environ`);
  } catch {
    return undefined;
  }
  const prefix = `${name}=`;
  for (const entry of environ.toString('latin1').split('\0'))
    if (entry.startsWith(prefix)) return entry.slice(prefix.length);
  return undefined;
}

/** Whether the process's initial environment (as of its last execve) contains exactly `entry` (`NAME=value`). */
export function environHas(pid: number, entry: string): boolean {
  let environ: Buffer;
  try {
    environ = readFileSync(`/proc/${pid}/environ`);
  } catch {
    return false;
  }
  const at = environ.indexOf(entry);
  if (at < 0) return false;
  const before = at === 0 ? 0 : environ[at - 1];
  const after = environ[at + Buffer.byteLength(entry)];
  return before === 0 && (after === 0 || after === undefined);
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
}
