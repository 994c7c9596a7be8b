import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CheckpointError } from '../domain/errors.ts';
import { PipelineState } from '../pipeline/pipeline-state.ts';
import type { CheckpointStore } from './checkpoint-store.ts';
import { writeFileAtomic } from './write-file-atomic.ts';

/** The checkpoint file of a run inside the store's directory: `<dir>/<runId>/checkpoint.json`. */
export function checkpointFile(dir: string, runId: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(runId))
    throw new CheckpointError(`'${runId}' is not a valid run id`, runId);
  return path.join(dir, runId, 'checkpoint.json');
}

/**
 * The CLI's checkpoint store: one JSON file per run, written atomically (temporary file + rename) and
 * validated with the `PipelineState` schema when read, so a hand-edited or truncated file is reported, not
 * trusted.
 */
export function createFileCheckpointStore(dir: string): CheckpointStore {
  return {
    async load(runId) {
      const file = checkpointFile(dir, runId);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const parsed = PipelineState.safeParse(safeJson(text));
      if (!parsed.success) {
        throw new CheckpointError(
          `the checkpoint ${file} is not a valid run state (${parsed.error.issues[0]?.message ?? 'unreadable'}); remove it or start over with --fresh`,
          runId,
          file,
        );
      }
      return parsed.data;
    },
    async save(state) {
      await writeFileAtomic(checkpointFile(dir, state.runId), `${JSON.stringify(state, null, 2)}\n`);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
