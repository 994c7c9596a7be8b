import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of a tiny test program in test/fixtures/programs. */
export function fixtureProgram(name: string): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/programs', name);
}

/**
 * Live (non-zombie) processes whose environment contains `PERFBOT_RUN_COOKIE=<cookie>`, found by reading
 * /proc directly — written independently of the runner so it can check the runner's work.
 */
export function processesWithCookie(cookie: string): number[] {
  const entry = `PERFBOT_RUN_COOKIE=${cookie}`;
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => isAlive(pid) && read(`/proc/${pid}/environ`)?.split('\0').includes(entry));
}

/** Whether a process exists and has not exited (a zombie only waits to be reaped by its parent). */
export function isAlive(pid: number): boolean {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === undefined) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}

/** The cookie a run's first stdout line printed (`echo $PERFBOT_RUN_COOKIE`). */
export function firstLine(stdout: string): string {
  return stdout.split('\n')[0] ?? '';
}

/** The pid from a fixture's `daemon <pid>` line. */
export function daemonPid(stdout: string): number {
  const match = stdout.match(/daemon (\d+)/);
  if (!match) throw new Error(`no "daemon <pid>" line in: ${stdout}`);
  return Number(match[1]);
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
}
