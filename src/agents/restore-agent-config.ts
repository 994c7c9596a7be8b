import { lstat, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AGENT_CONFIG_PATHS, NESTED_AGENT_INSTRUCTION_FILES } from './agent-config-paths.ts';

export interface RestoreAgentConfigOptions {
  worktreeDir: string;
  /** A file's content at the base commit (repository-relative path), or null when it is not a file there. */
  readBaseFile: (repoPath: string) => Promise<string | null>;
  /** Repository-relative paths of every file under a folder at the base commit (recursively); [] when none. */
  listBaseDir: (repoPath: string) => Promise<string[]>;
}

/** What changed in the worktree, as repository-relative paths. */
export interface RestoredAgentConfig {
  /** Paths the pull request had that were deleted (files, folders or symlinks). */
  removed: string[];
  /** Files written with their base version. */
  restored: string[];
}

/** Folders never searched for nested instruction files: git's own, and dependencies no agent is steered by. */
const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

/**
 * Makes the agent see the base commit's agent configuration, not the pull request's: every path of
 * `AGENT_CONFIG_PATHS` is deleted from the worktree (a symlink is removed, never followed) and rewritten from
 * the base commit, and so is every `CLAUDE.md`/`AGENTS.md` in a subfolder. Run it before each agent run.
 */
export async function restoreAgentConfig(options: RestoreAgentConfigOptions): Promise<RestoredAgentConfig> {
  const result: RestoredAgentConfig = { removed: [], restored: [] };
  for (const repoPath of AGENT_CONFIG_PATHS) {
    if (await removeEntry(options.worktreeDir, repoPath)) result.removed.push(repoPath);
    const content = await options.readBaseFile(repoPath);
    const files = content === null ? await options.listBaseDir(repoPath) : [repoPath];
    for (const file of files) {
      if (!isInside(repoPath, file)) continue;
      const fileContent = file === repoPath ? content : await options.readBaseFile(file);
      if (fileContent === null) continue;
      await writeInside(options.worktreeDir, file, fileContent);
      result.restored.push(file);
    }
  }
  for (const file of await findNestedInstructionFiles(options.worktreeDir)) {
    await rm(path.join(options.worktreeDir, file), { force: true });
    result.removed.push(file);
    const content = await options.readBaseFile(file);
    if (content === null) continue;
    await writeFile(path.join(options.worktreeDir, file), content);
    result.restored.push(file);
  }
  return result;
}

async function removeEntry(worktreeDir: string, repoPath: string): Promise<boolean> {
  const target = path.join(worktreeDir, repoPath);
  try {
    await lstat(target);
  } catch {
    return false;
  }
  await rm(target, { recursive: true, force: true });
  return true;
}

/** Writes under a top-level config path that was just deleted, so every parent folder is created fresh. */
async function writeInside(worktreeDir: string, repoPath: string, content: string): Promise<void> {
  const target = path.join(worktreeDir, repoPath);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content);
}

/** `file` is `root` itself or below it, with no `..` that could climb out. */
function isInside(root: string, file: string): boolean {
  if (file.split('/').some((segment) => segment === '..' || segment === '')) return false;
  return file === root || file.startsWith(`${root}/`);
}

/** Nested instruction files below the root, found through real folders only (symlinked folders are not entered). */
async function findNestedInstructionFiles(worktreeDir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(worktreeDir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
      // Top-level config folders were already replaced whole.
      const replaced = relative === '' && AGENT_CONFIG_PATHS.includes(entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !replaced) {
        await walk(child);
      } else if (relative !== '' && NESTED_AGENT_INSTRUCTION_FILES.includes(entry.name) && !entry.isDirectory()) {
        found.push(child);
      }
    }
  };
  await walk('');
  return found.sort();
}
