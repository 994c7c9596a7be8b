import { CLOCK_TICKS_PER_SECOND, environHas, listPids, readProcStat, readRssBytes } from './proc-fs.ts';

/** A live (not yet exited) process of a run, as seen by one scan. */
export interface TreeProcess {
  pid: number;
  rssBytes: number;
  /** CPU of this process plus its already-reaped children, in nanoseconds. */
  cpuNs: number;
  /** The kernel's name of the program (`/proc/<pid>/stat` field 2). */
  comm: string;
}

/** The processes of one run, re-discovered from `/proc` on every `scan()`. */
export interface ProcessTree {
  /** Forgets every process that exists now: nothing started before the run can belong to it. */
  markExistingAsOutsiders(): void;
  /** Starts tracking the run's root (the spawned wrapper). */
  adopt(rootPid: number): void;
  /** Finds every live member now, with its memory and CPU. */
  scan(): TreeProcess[];
}

const NS_PER_TICK = 1e9 / CLOCK_TICKS_PER_SECOND;

/**
 * Tracks a run's processes the way Jenkins' ProcessTreeKiller does: every process of the run inherits an
 * environment cookie (`cookieEntry`, `NAME=value`), so it stays recognisable after `setsid` or a double
 * fork re-parents it to init. A process that starts with a fresh environment (`env -i`) loses the cookie,
 * so membership is also inherited through the parent pid at the moment a scan first sees the process,
 * and once a member always a member (until its pid is reused, detected by the start time).
 *
 * The root (the wrapper shell) counts only the CPU of its reaped children, so the wrapper's own start-up
 * cost is not charged to the command.
 */
export function createProcessTree(cookieEntry: string): ProcessTree {
  /** pid → start time of members. */
  const members = new Map<number, string>();
  /** Pids already judged not to belong. A pid can only be reused after it disappears, which prunes it. */
  const outsiders = new Set<number>();
  let rootPid = -1;

  function scan(): TreeProcess[] {
    const pids = listPids();
    const present = new Set(pids);
    for (const pid of outsiders) if (!present.has(pid)) outsiders.delete(pid);
    for (const pid of members.keys()) if (!present.has(pid)) members.delete(pid);

    const live: TreeProcess[] = [];
    const undecided = new Map<number, number>(); // pid → ppid, for processes first seen in this scan
    for (const pid of pids) {
      if (outsiders.has(pid)) continue;
      const stat = readProcStat(pid);
      if (!stat) continue;
      const known = members.get(pid);
      if (known !== undefined && known !== stat.startTime) members.delete(pid); // pid reused
      if (!members.has(pid)) {
        if (pid !== rootPid && !environHas(pid, cookieEntry)) {
          undecided.set(pid, stat.ppid);
          continue;
        }
        members.set(pid, stat.startTime);
      }
      if (stat.state === 'Z' || stat.state === 'X') continue;
      const ticks = pid === rootPid ? stat.reapedChildTicks : stat.ownTicks + stat.reapedChildTicks;
      live.push({ pid, rssBytes: readRssBytes(pid), cpuNs: ticks * NS_PER_TICK, comm: stat.comm });
    }
    adoptChildrenOfMembers(undecided, live);
    return live;
  }

  /** Children whose parent is a member are members, repeated until nothing changes (grandchildren…). */
  function adoptChildrenOfMembers(undecided: Map<number, number>, live: TreeProcess[]): void {
    let changed = true;
    while (changed) {
      changed = false;
      for (const [pid, ppid] of undecided) {
        if (!members.has(ppid)) continue;
        const stat = readProcStat(pid);
        undecided.delete(pid);
        if (!stat) continue;
        members.set(pid, stat.startTime);
        changed = true;
        if (stat.state !== 'Z' && stat.state !== 'X') {
          live.push({
            pid,
            rssBytes: readRssBytes(pid),
            cpuNs: (stat.ownTicks + stat.reapedChildTicks) * NS_PER_TICK,
            comm: stat.comm,
          });
        }
      }
    }
    for (const pid of undecided.keys()) outsiders.add(pid);
  }

  return {
    markExistingAsOutsiders() {
      for (const pid of listPids()) outsiders.add(pid);
    },
    adopt(pid) {
      rootPid = pid;
      outsiders.delete(pid);
    },
    scan,
  };
}
