import type { CommandSpec } from '../config/command-spec.ts';
import type { RunUntrusted } from '../sandbox/sandbox.ts';
import { snapshotDir, type DirSnapshot } from './snapshot-dir.ts';

export interface IsolatedRuns {
  /** The runner to hand to the engine: the measured runs through it start from the same files. */
  runProcess: RunUntrusted;
  /** Deletes the snapshots; call once the session is over. */
  dispose(): Promise<void>;
}

/**
 * Wraps the sandbox's runner so that every measured run starts from the same files. In each folder, once
 * `benchmark.setup` has run there (at once when there is none: its build must stay), the folder and the run's
 * home are recorded (`snapshotDir`) before the next run, and put back after that run and every later one:
 * benchmark runs and warm-ups, and the instruction counter's runs. A cache the code writes in run 1 (in its
 * checkout or its home) is gone before run 2. What Perfbot itself put at the top of the folder since the
 * recording (the instruction counter's output folder, made before its run and read after) is left alone. `/tmp`
 * needs no help: the sandbox gives each run a private one. Setup, and anything before it, passes through.
 */
export function isolateBenchmarkRuns(runProcess: RunUntrusted, setup: CommandSpec | undefined): IsolatedRuns {
  const setupKey = setup === undefined ? undefined : JSON.stringify(setup);
  const setUp = new Set<string>();
  const snapshots = new Map<string, Promise<DirSnapshot>>();
  const snapshotOf = (dir: string) => {
    let snapshot = snapshots.get(dir);
    if (snapshot === undefined) {
      snapshot = snapshotDir(dir);
      snapshots.set(dir, snapshot);
    }
    return snapshot;
  };
  return {
    runProcess: async (request) => {
      if (setupKey !== undefined && JSON.stringify(request.command) === setupKey) {
        const result = await runProcess(request);
        setUp.add(request.cwd);
        return result;
      }
      // Before setup (the instruction counter's detection, say) nothing is measured, and setup has yet to build.
      if (setupKey !== undefined && !setUp.has(request.cwd)) return runProcess(request);
      const dirs = request.home === undefined ? [request.cwd] : [request.cwd, request.home];
      const taken = await Promise.all(dirs.map(snapshotOf));
      const ours = await Promise.all(taken.map((snapshot) => snapshot.added()));
      try {
        return await runProcess(request);
      } finally {
        for (const [index, snapshot] of taken.entries()) await snapshot.restore(ours[index]);
      }
    },
    dispose: async () => {
      const all = await Promise.allSettled(snapshots.values());
      for (const result of all) if (result.status === 'fulfilled') await result.value.remove();
    },
  };
}
