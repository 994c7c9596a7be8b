import { listPids, readEnvironValue, readProcStat } from './proc-fs.ts';
import { pidNamespace, RUN_COOKIE_VARIABLE } from './run-process.ts';

/** A process the runner started for a worker that no longer exists. */
export interface Orphan {
  pid: number;
  /** The dead worker's `<pid>.<start time>.<pid namespace>`. */
  owner: string;
}

/**
 * Finds and kills (SIGKILL) the processes earlier workers on this machine left behind when they died without
 * their runner's cleanup (killed, OOM, power loss): every process carries its run's cookie
 * (`<owner pid>.<owner start time>.<random>`), so one whose owner is gone is an orphan. Processes of live workers
 * (their owner exists with the same start time) are left alone. Inside the bubblewrap sandbox this finds nothing:
 * a sandbox dies with its worker. A process started with a cleared environment (`env -i`) carries no cookie and is
 * not found — only the sandbox's pid namespace catches those.
 */
export function reapOrphans(): Orphan[] {
  const alive = new Map<number, boolean>();
  const ownerAlive = (owner: string): boolean => {
    const [pid, start] = owner.split('.');
    const key = Number(pid);
    if (!alive.has(key)) alive.set(key, readProcStat(key)?.startTime === start);
    return alive.get(key)!;
  };
  const orphans: Orphan[] = [];
  const namespace = pidNamespace();
  for (const pid of listPids()) {
    if (pid === process.pid) continue;
    const cookie = readEnvironValue(pid, RUN_COOKIE_VARIABLE);
    const owner = cookie?.split('.').slice(0, 3).join('.');
    // Only owners of our own pid namespace can be judged by their pid (and never one whose start time is unknown).
    const match = owner === undefined ? null : /^\d+\.([1-9]\d*)\.(\d+)$/.exec(owner);
    if (owner === undefined || match === null || namespace === undefined || match[2] !== namespace || ownerAlive(owner))
      continue;
    try {
      process.kill(pid, 'SIGKILL');
      orphans.push({ pid, owner });
    } catch {
      // Gone already, or not ours to kill.
    }
  }
  return orphans;
}
