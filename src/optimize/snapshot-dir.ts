import { execFile } from 'node:child_process';
import { chmod, copyFile, cp, lstat, mkdir, mkdtemp, readdir, readlink, rm, symlink, utimes } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { promisify } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { WorkspaceError } from '../domain/errors.ts';

/** A folder's recorded state: `restore()` puts it back, `remove()` deletes the copy it restores from. */
export interface DirSnapshot {
  /** `keep`: names at the top of the folder to leave as they are (made by Perfbot itself since the snapshot). */
  restore(keep?: ReadonlySet<string>): Promise<void>;
  /** Names at the top of the folder that were not there when it was recorded. */
  added(): Promise<Set<string>>;
  remove(): Promise<void>;
}

interface Entry {
  kind: 'file' | 'dir' | 'link';
  mode: number;
  size: bigint;
  ino: bigint;
  /** ctime cannot be set by the process that changed the file, unlike mtime. */
  ctimeNs: bigint;
  /** Seconds, as `utimes` takes them (to a fraction of a microsecond). */
  atime: number;
  mtime: number;
}

/**
 * Records every file, folder and symlink under `dir` (a copy of it goes to a private temporary folder) so that
 * `restore()` can undo whatever ran in it since: new entries are deleted, changed or deleted ones are copied
 * back with their mode and times, unchanged ones are left alone (a file is unchanged when its kind, mode, size,
 * inode and ctime are). Only call `restore()` when nothing runs in `dir` any more (the sandbox's pid namespace
 * has ended): it never follows a symlink, and a folder replaced by a symlink is deleted before anything is
 * written below it, but it does not guard against a process changing the tree while it works.
 */
export async function snapshotDir(dir: string): Promise<DirSnapshot> {
  const copy = await mkdtemp(path.join(os.tmpdir(), 'perfbot-snapshot-'));
  const backup = path.join(copy, 'tree');
  const entries = new Map<string, Entry>();
  try {
    await copyTree(dir, backup);
    await record(dir, '', entries);
  } catch (error) {
    await rm(copy, { recursive: true, force: true });
    throw unreadable('record', dir, error);
  }
  return {
    restore: async (keep = new Set()) => {
      try {
        const kept = new Set<string>();
        await prune(dir, '', entries, kept, keep);
        // Folders recorded without full owner access (rare) are opened while files go back in, closed after.
        const closed = [...entries].filter(([, entry]) => entry.kind === 'dir' && (entry.mode & 0o700) !== 0o700);
        for (const [relative, entry] of closed)
          if (kept.has(relative)) await chmod(path.join(dir, relative), entry.mode | 0o700);
        // In walk order, so a folder is back before its files; only what the run removed or changed.
        const missing = [...entries].filter(([relative]) => !kept.has(relative));
        for (const [relative, entry] of missing) await putBack(dir, backup, relative, entry, entries);
        for (const [relative, entry] of [...missing, ...closed])
          if (entry.kind === 'dir') await chmod(path.join(dir, relative), entry.mode);
      } catch (error) {
        throw unreadable('restore', dir, error);
      }
    },
    added: async () => new Set((await readdir(dir)).filter((name) => !entries.has(name))),
    remove: () => rm(copy, { recursive: true, force: true }),
  };
}

/** A user error: the repository's own commands left files behind that cannot be read or removed. */
function unreadable(what: 'record' | 'restore', dir: string, error: unknown): WorkspaceError {
  const detail = error instanceof Error ? error.message : String(error);
  return new WorkspaceError(
    `Perfbot could not ${what} the files of ${dir} between measured runs (${detail}). Every benchmark run must start from the same files, so the commands of .github/perf.yml must leave their checkout and home readable (no unreadable folders, sockets or device files).`,
    true,
    { cause: error },
  );
}

/**
 * `cp -a` (GNU coreutils: no symlink followed, modes and times kept, reflinks where the file system has them),
 * many times faster than a copy file by file from here; Node's own copy where there is no such `cp`.
 */
async function copyTree(from: string, to: string): Promise<void> {
  try {
    await promisify(execFile)('cp', ['-a', '--reflink=auto', '--', from, to], {
      env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' },
    });
  } catch {
    await rm(to, { recursive: true, force: true });
    await cp(from, to, {
      recursive: true,
      verbatimSymlinks: true,
      preserveTimestamps: true,
      errorOnExist: true,
      force: false,
    });
  }
}

/** Every entry below `relative`, a folder before what is in it; a folder's entries are read at once. */
async function record(root: string, relative: string, entries: Map<string, Entry>): Promise<void> {
  const names = (await readdir(path.join(root, relative))).map((name) =>
    relative === '' ? name : `${relative}/${name}`,
  );
  const found = await Promise.all(names.map(async (child) => [child, await entryOf(path.join(root, child))] as const));
  for (const [child, entry] of found) entries.set(child, entry);
  await Promise.all(found.filter(([, entry]) => entry.kind === 'dir').map(([child]) => record(root, child, entries)));
}

async function entryOf(file: string): Promise<Entry> {
  const stats = await lstat(file, { bigint: true });
  return {
    kind: kindOf(stats),
    mode: Number(stats.mode & 0o7777n),
    size: stats.size,
    ino: stats.ino,
    ctimeNs: stats.ctimeNs,
    atime: Number(stats.atimeNs) / 1e9,
    mtime: Number(stats.mtimeNs) / 1e9,
  };
}

/**
 * Deletes what was not there, changed kind or changed; opens folders whose mode changed so the walk can enter
 * them. Adds every entry that is still as recorded to `kept`.
 */
async function prune(
  root: string,
  relative: string,
  entries: Map<string, Entry>,
  kept: Set<string>,
  keep: ReadonlySet<string> = new Set(),
): Promise<void> {
  const names = (await readdir(path.join(root, relative))).filter((name) => relative !== '' || !keep.has(name));
  await Promise.all(
    names.map(async (name) => {
      const child = relative === '' ? name : `${relative}/${name}`;
      const file = path.join(root, child);
      const now = await entryOf(file);
      const known = entries.get(child);
      if (known === undefined || known.kind !== now.kind || (known.kind !== 'dir' && changed(known, now))) {
        await forceRemove(file);
        return;
      }
      if (known.kind === 'dir') {
        if (now.mode !== known.mode) {
          await chmod(file, known.mode | 0o700);
          // Not `kept`: its mode is set back at the end.
        } else kept.add(child);
        await prune(root, child, entries, kept);
      } else kept.add(child);
    }),
  );
}

/** Deletes a file or a whole folder, also one the run made unreadable (`chmod 000`); never follows symlinks. */
async function forceRemove(file: string): Promise<void> {
  const stats = await lstat(file);
  if (stats.isDirectory()) {
    if ((stats.mode & 0o700) !== 0o700) await chmod(file, 0o700);
    for (const name of await readdir(file)) await forceRemove(path.join(file, name));
  }
  await rm(file, { recursive: true, force: true });
}

/** Recreates an entry `prune` removed (parents come first: the map is in walk order). */
async function putBack(
  root: string,
  backup: string,
  relative: string,
  entry: Entry,
  entries: Map<string, Entry>,
): Promise<void> {
  const file = path.join(root, relative);
  const present = await lstat(file).catch(() => undefined);
  if (entry.kind === 'dir') {
    if (present === undefined) {
      await mkdir(file);
      await chmod(file, entry.mode | 0o700);
    }
    return;
  }
  if (present !== undefined) return;
  const source = path.join(backup, relative);
  if (entry.kind === 'link') await symlink(await readlink(source), file);
  else {
    await copyFile(source, file);
    await chmod(file, entry.mode);
    await utimes(file, entry.atime, entry.mtime);
  }
  entries.set(relative, await entryOf(file));
}

function kindOf(stats: BigIntStats): Entry['kind'] {
  return stats.isDirectory() ? 'dir' : stats.isSymbolicLink() ? 'link' : 'file';
}

function changed(known: Entry, now: Entry): boolean {
  return known.mode !== now.mode || known.size !== now.size || known.ino !== now.ino || known.ctimeNs !== now.ctimeNs;
}
