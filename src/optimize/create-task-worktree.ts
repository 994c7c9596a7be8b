import type { Workspace, Worktree } from '../workspace/workspace.ts';
import type { TrustedRepo } from './create-trusted-repo.ts';
import { readValidatedPatch, type ChangeRef } from './read-validated-patch.ts';
import type { RunFiles } from './run-files.ts';
import { writeBotFile } from './write-bot-file.ts';

/**
 * The run's worktree (`perf/<task>`, where the agents work), rebuilt from durable files rather than trusted
 * to survive: its content is always the starting commit + the validated change of the last finished OPTIMIZE
 * + the artifacts in `bots/`. That makes every phase safe to repeat after a crash, and "discard the agent's
 * changes" the same operation as "resume".
 */
export interface TaskWorktree {
  /** The worktree; created on first use in this process with the (hash-checked) change of `change` applied. */
  open(change: ChangeRef): Promise<Worktree>;
  /** Throws the files away and rebuilds them with the (hash-checked) change of `change`. */
  reset(change: ChangeRef): Promise<Worktree>;
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
  // Which change `current` was built from: after the ratchet goes back to an earlier change, the open worktree
  // (still holding the reverted one) must not be handed out as if it were the change the run stands on.
  let builtFrom: string | undefined;
  const changeKey = (change: ChangeRef) => `${change.changeIteration ?? change.iteration}:${change.patchSha256 ?? ''}`;

  async function build(change: ChangeRef): Promise<Worktree> {
    const patch = await readValidatedPatch(options.files, change);
    // Ours is removed first (`createWorktree` refuses to replace one held by a live process); a crashed
    // run's leftover is replaced by `createWorktree` itself.
    await current?.remove();
    current = undefined;
    const worktree = await options.workspace.createWorktree(options.task, options.sha);
    current = worktree;
    builtFrom = changeKey(change);
    await options.trusted.applyToDir(worktree.path, patch);
    for (const name of await options.files.listArtifacts()) {
      const text = await options.files.readArtifact(name);
      if (text !== null) await writeBotFile(worktree.path, name, text);
    }
    return worktree;
  }

  return {
    open: async (change) => (current !== undefined && builtFrom === changeKey(change) ? current : build(change)),
    reset: (change) => build(change),
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
