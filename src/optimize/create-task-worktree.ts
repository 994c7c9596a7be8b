import type { Workspace, Worktree } from '../workspace/workspace.ts';
import type { TrustedRepo } from './create-trusted-repo.ts';
import type { RunFiles } from './run-files.ts';
import { writeBotFile } from './write-bot-file.ts';

/**
 * The run's worktree (`perf/<task>`, where the agents work), rebuilt from durable files rather than trusted
 * to survive: its content is always the starting commit + the validated change of the last finished OPTIMIZE
 * + the artifacts in `bots/`. That makes every phase safe to repeat after a crash, and "discard the agent's
 * changes" the same operation as "resume".
 */
export interface TaskWorktree {
  /** The worktree; created on first use in this process with the change of `iteration` applied. */
  open(iteration: number): Promise<Worktree>;
  /** Throws the files away and rebuilds them with the change of `iteration`. */
  reset(iteration: number): Promise<Worktree>;
  /** Copies an artifact into `bots/` of the worktree, when it is open. */
  writeBot(name: string, text: string): Promise<void>;
  /** The worktree's path once opened in this process. */
  path(): string | undefined;
  /** Removes it (files, git bookkeeping, branch). */
  remove(): Promise<void>;
}

export interface TaskWorktreeOptions {
  workspace: Workspace;
  task: string;
  /** The run's starting commit. */
  sha: string;
  trusted: TrustedRepo;
  files: RunFiles;
}

export function createTaskWorktree(options: TaskWorktreeOptions): TaskWorktree {
  let current: Worktree | undefined;

  async function build(iteration: number): Promise<Worktree> {
    // Ours is removed first (`createWorktree` refuses to replace one held by a live process); a crashed
    // run's leftover is replaced by `createWorktree` itself.
    await current?.remove();
    current = undefined;
    const worktree = await options.workspace.createWorktree(options.task, options.sha);
    current = worktree;
    await options.trusted.applyToDir(worktree.path, await options.files.readPatch(iteration));
    for (const name of await options.files.listArtifacts()) {
      const text = await options.files.readArtifact(name);
      if (text !== null) await writeBotFile(worktree.path, name, text);
    }
    return worktree;
  }

  return {
    open: async (iteration) => current ?? build(iteration),
    reset: (iteration) => build(iteration),
    async writeBot(name, text) {
      if (current !== undefined) await writeBotFile(current.path, name, text);
    },
    path: () => current?.path,
    async remove() {
      await current?.remove();
      current = undefined;
    },
  };
}
