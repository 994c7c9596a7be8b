import type { Redis } from 'ioredis';
import { CheckpointError } from '../../domain/errors.ts';
import { PipelineState } from '../../pipeline/pipeline-state.ts';
import type { CheckpointStore } from '../checkpoint-store.ts';

/** How long a checkpoint outlives its last save: long enough for any run, short enough not to pile up. */
export const CHECKPOINT_TTL_SECONDS = 30 * 24 * 3600;

/** The Redis key of a run's checkpoint: `<prefix>:perfbot:checkpoint:<runId>`. */
export function checkpointKey(prefix: string, runId: string): string {
  return `${prefix}:perfbot:checkpoint:${runId}`;
}

/**
 * The worker's checkpoint store: one Redis string per run, replaced whole by `SET … EX` (atomic, so a reader
 * sees the old or the new state) and expiring 30 days after the last save. A loaded value is validated with
 * the `PipelineState` schema: Redis is shared, and a value this version cannot read must be reported rather
 * than trusted.
 */
export function createRedisCheckpointStore(redis: Redis, prefix: string): CheckpointStore {
  return {
    async load(runId) {
      const key = checkpointKey(prefix, runId);
      const text = await redis.get(key);
      if (text === null) return null;
      const parsed = PipelineState.safeParse(safeJson(text));
      if (!parsed.success) {
        throw new CheckpointError(
          `the checkpoint ${key} is not a valid run state (${parsed.error.issues[0]?.message ?? 'unreadable'})`,
          runId,
          key,
        );
      }
      return parsed.data;
    },
    async save(state) {
      await redis.set(
        checkpointKey(prefix, state.runId),
        JSON.stringify(PipelineState.parse(state)),
        'EX',
        CHECKPOINT_TTL_SECONDS,
      );
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
