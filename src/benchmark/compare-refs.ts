import type { Calibration } from './noise-calibration.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { BenchReport, SideInfo } from './bench-report.ts';
import type { BenchSettings } from './bench-settings.ts';
import { runBenchSession, type BenchSessionDeps } from './run-bench-session.ts';

export interface CompareRefsInput {
  workspace: Workspace;
  /** Used for worktree names and branches (`perf/<task>-base`, `perf/<task>-head`). */
  task: string;
  base: SideInfo;
  head: SideInfo;
  settings: BenchSettings;
  env: Record<string, string>;
  seed: number;
  signal?: AbortSignal;
  /** This repository's calibration on this machine, passed on to the session. */
  calibration?: Calibration;
}

/** Checks out base and head in worktrees of their own, compares them, and always removes the worktrees. */
export async function compareRefs(input: CompareRefsInput, deps: BenchSessionDeps): Promise<BenchReport> {
  const baseTree = await input.workspace.createWorktree(`${input.task}-base`, input.base.sha);
  try {
    const headTree = await input.workspace.createWorktree(`${input.task}-head`, input.head.sha);
    try {
      return await runBenchSession(
        {
          settings: input.settings,
          base: { ...input.base, dir: baseTree.path },
          head: { ...input.head, dir: headTree.path },
          env: input.env,
          seed: input.seed,
          signal: input.signal,
          ...(input.calibration === undefined ? {} : { calibration: input.calibration }),
        },
        deps,
      );
    } finally {
      await headTree.remove();
    }
  } finally {
    await baseTree.remove();
  }
}
