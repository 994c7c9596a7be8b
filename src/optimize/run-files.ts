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

export function createRunFiles(dir: string): RunFiles {
  const artifactsDir = path.join(dir, BOTS_DIR);
  const inside = (folder: string, name: string) => {
    if (!SAFE_NAME.test(name)) throw new Error(`invalid run file name ${JSON.stringify(name)}`);
    return path.join(folder, name);
  };
  const readOrNull = (file: string) =>
    readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
  return {
    dir,
    artifactsDir,
    writeArtifact: (name, text) => writeFileAtomic(inside(artifactsDir, name), text),
    readArtifact: (name) => readOrNull(inside(artifactsDir, name)),
    listArtifacts: async () => (await readdir(artifactsDir).catch(() => [] as string[])).filter((name) => !name.endsWith('.tmp')).sort(),
    async readPatch(iteration) {
      if (iteration === 0) return '';
      const text = await readOrNull(inside(dir, `change-${iteration}.patch`));
      if (text === null) throw new Error(`the change of iteration ${iteration} is missing from ${dir}`);
      return text;
    },
    writePatch: (iteration, patch) => writeFileAtomic(inside(dir, `change-${iteration}.patch`), patch),
    async readData(name, schema) {
      const text = await readOrNull(inside(dir, name));
      return text === null ? undefined : schema.parse(JSON.parse(text, reviveNumbers));
    },
    writeData: (name, value) => writeFileAtomic(inside(dir, name), `${JSON.stringify(value, replaceNumbers, 2)}\n`),
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
