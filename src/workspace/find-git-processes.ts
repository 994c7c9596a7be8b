import { readdir, readFile, readlink } from 'node:fs/promises';

/** A running git process and the directories it works in. */
export interface GitProcess {
  pid: number;
  cwd?: string;
  gitDir?: string;
}

/**
 * Running git processes, found through `/proc` (Linux): any process whose command name starts with `git`,
 * with its working directory and `GIT_DIR`. Processes of other users are unreadable and skipped, which is
 * fine: perfbot's mirrors are only used by its own user. Returns `undefined` where `/proc` does not exist,
 * so callers can tell "none running" from "cannot know".
 */
export async function findGitProcesses(): Promise<GitProcess[] | undefined> {
  const entries = await readdir('/proc').catch(() => undefined);
  if (!entries) return undefined;
  const found: GitProcess[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (!comm.startsWith('git')) continue;
    const cwd = await readlink(`/proc/${entry}/cwd`).catch(() => undefined);
    const environ = await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => '');
    const gitDir = environ
      .split('\0')
      .find((line) => line.startsWith('GIT_DIR='))
      ?.slice('GIT_DIR='.length);
    found.push({ pid: Number(entry), ...(cwd ? { cwd } : {}), ...(gitDir ? { gitDir } : {}) });
  }
  return found;
}

/** Whether a process works inside any of `dirs`. */
export function usesAnyOf(process: GitProcess, dirs: readonly string[]): boolean {
  return dirs.some((dir) =>
    [process.cwd, process.gitDir].some((p) => p !== undefined && (p === dir || p.startsWith(`${dir}/`))),
  );
}
