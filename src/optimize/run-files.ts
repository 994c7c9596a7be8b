import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from './write-file-atomic.ts';

/** The blackboard folder at the worktree root, never committed. */
export const BOTS_DIR = 'bots';

/**
 * The durable files of one run, kept outside every worktree (untrusted code runs there): the artifacts
 * (`bots/*`, the authoritative copy the user reads), the validated change after each OPTIMIZE, and the data
 * later phases need (the analysis, the optimizer's summaries, the raw benchmark reports). Together with the
 * checkpoint they are everything a resumed run needs: the worktree itself is rebuilt from them.
 */
export interface RunFiles {
  readonly dir: string;
  /** `<dir>/bots`: what the user reads. */
  readonly artifactsDir: string;
  writeArtifact(name: string, text: string): Promise<void>;
  readArtifact(name: string): Promise<string | null>;
  /** Artifact names, sorted. */
  listArtifacts(): Promise<string[]>;
  /** The validated change against the starting commit after OPTIMIZE number `iteration`; '' for 0. */
  readPatch(iteration: number): Promise<string>;
  writePatch(iteration: number, patch: string): Promise<void>;
  /** A data file written by `writeData`, parsed with `schema`; undefined when missing. */
  readData<T>(name: string, schema: z.ZodType<T>): Promise<T | undefined>;
  writeData(name: string, value: unknown): Promise<void>;
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Where the run files' text is kept, by relative path (`bots/<artifact>`, `change-<n>.patch`, `<data>`): a
 * folder on the worker's disk (`directoryStore`), or Redis for runs that any worker may resume
 * (`createRedisRunFileStore`).
 */
export interface RunFileStore {
  /** The text at `key`, or null when there is none. */
  get(key: string): Promise<string | null>;
  /** Replaces the text at `key` atomically. */
  set(key: string, text: string): Promise<void>;
  /** The keys under `folder` (`bots`), as names inside it. */
  list(folder: string): Promise<string[]>;
}

/** Run files in a folder; each write is atomic (a temp file renamed). */
export function directoryStore(dir: string): RunFileStore {
  return {
    get: (key) =>
      readFile(path.join(dir, key), 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      }),
    set: (key, text) => writeFileAtomic(path.join(dir, key), text),
    list: async (folder) =>
      (await readdir(path.join(dir, folder)).catch(() => [] as string[])).filter((name) => !name.endsWith('.tmp')),
  };
}

/**
 * The run files of the run whose folder is `dir`. `store` holds them (default: that folder); `dir` stays the
 * place of what is derived and local (the trusted repository).
 */
export function createRunFiles(dir: string, store: RunFileStore = directoryStore(dir)): RunFiles {
  const artifactsDir = path.join(dir, BOTS_DIR);
  const checked = (name: string) => {
    if (!SAFE_NAME.test(name)) throw new Error(`invalid run file name ${JSON.stringify(name)}`);
    return name;
  };
  const artifact = (name: string) => `${BOTS_DIR}/${checked(name)}`;
  return {
    dir,
    artifactsDir,
    writeArtifact: (name, text) => store.set(artifact(name), text),
    readArtifact: (name) => store.get(artifact(name)),
    listArtifacts: async () => (await store.list(BOTS_DIR)).sort(),
    async readPatch(iteration) {
      if (iteration === 0) return '';
      const text = await store.get(checked(`change-${iteration}.patch`));
      if (text === null)
        throw new Error(`the change of iteration ${iteration} is missing from the run files of ${path.basename(dir)}`);
      return text;
    },
    writePatch: (iteration, patch) => store.set(checked(`change-${iteration}.patch`), patch),
    async readData(name, schema) {
      const text = await store.get(checked(name));
      return text === null ? undefined : schema.parse(JSON.parse(text, reviveNumbers));
    },
    writeData: (name, value) => store.set(checked(name), `${JSON.stringify(value, replaceNumbers, 2)}\n`),
  };
}

/** JSON has no NaN or Infinity; benchmark reports do. They are kept as `{ "$number": "NaN" }`. */
function replaceNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { $number: String(value) } : value;
}

function reviveNumbers(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && Object.keys(value).length === 1 && '$number' in value) {
    return Number((value as { $number: string }).$number);
  }
  return value;
}
