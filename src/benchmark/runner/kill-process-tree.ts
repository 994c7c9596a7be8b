import { setTimeout as sleep } from 'node:timers/promises';
import type { ProcessTree } from './create-process-tree.ts';

export interface KillOptions {
  /** How long SIGTERM'd processes get to exit cleanly before SIGKILL. */
  graceMs: number;
  /** How long to keep SIGKILLing (new forks included) before giving up and reporting survivors. */
  killDeadlineMs?: number;
}

const POLL_MS = 10;

/**
 * Kills every live member of the tree: SIGTERM, then — after `graceMs` or as soon as all are gone —
 * SIGKILL, re-scanning each round so that processes forked meanwhile are caught as well.
 * Returns how many members are still alive at the end (0 unless something resists, e.g. a setuid
 * program we may not signal, or a fork bomb faster than the scan — a cgroup's job).
 */
export async function killProcessTree(tree: ProcessTree, options: KillOptions): Promise<number> {
  let live = tree.scan();
  if (live.length === 0) return 0;

  const termed = new Set<number>();
  const graceEnd = Date.now() + options.graceMs;
  while (live.length > 0 && Date.now() < graceEnd) {
    for (const { pid } of live) {
      if (!termed.has(pid)) signal(pid, 'SIGTERM');
      termed.add(pid);
    }
    await sleep(POLL_MS);
    live = tree.scan();
  }

  const killEnd = Date.now() + (options.killDeadlineMs ?? 2000);
  while (live.length > 0 && Date.now() < killEnd) {
    for (const { pid } of live) signal(pid, 'SIGKILL');
    await sleep(POLL_MS);
    live = tree.scan();
  }
  return live.length;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // ESRCH: already gone. EPERM: not ours to kill (e.g. it became setuid); reported as a survivor.
  }
}
