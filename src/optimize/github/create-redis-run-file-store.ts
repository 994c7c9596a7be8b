import type { Redis } from 'ioredis';
import { WorkspaceError } from '../../domain/errors.ts';
import type { RunFileStore } from '../run-files.ts';
import { CHECKPOINT_TTL_SECONDS } from './create-redis-checkpoint-store.ts';

/** The Redis hash of one run's files: `<prefix>:perfbot:run-files:<runId>`, one field per file. */
export function runFilesKey(prefix: string, runId: string): string {
  return `${prefix}:perfbot:run-files:${runId}`;
}

export interface RedisRunFileLimits {
  /** Largest single file; a larger artifact is cut with a note, a larger patch or data file is refused. */
  fileBytes: number;
  /** Largest total of one run's files. */
  runBytes: number;
}

/** Sized for a run's patches, benchmark reports and agent summaries, with room; Redis holds them only while the run lasts. */
export const RUN_FILE_LIMITS: RedisRunFileLimits = { fileBytes: 4 * 2 ** 20, runBytes: 32 * 2 ** 20 };

/** The total is kept in a field of its own; file names never start with '#'. */
const TOTAL = '#bytes';

// Replaces one file and keeps the run's total, atomically; refuses (-1) when the total would pass the cap.
const SET_FILE = `
local old = redis.call('HSTRLEN', KEYS[1], ARGV[1])
local total = tonumber(redis.call('HGET', KEYS[1], '${TOTAL}') or '0') - old + string.len(ARGV[2])
if total > tonumber(ARGV[3]) then return -1 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2], '${TOTAL}', total)
redis.call('EXPIRE', KEYS[1], ARGV[4])
return total
`;

export interface RedisRunFileStore extends RunFileStore {
  /** Deletes the run's files from Redis: called when the run has ended for good. */
  remove(): Promise<void>;
}

/**
 * Run files kept in Redis, so that a run resumed on another worker (after a crash, or woken from MONITOR by a
 * webhook) finds its patches, reports and artifacts there; everything else a run needs (worktrees, the trusted
 * repository) is rebuilt from the mirror and these files. Each write also goes to `local` (the worker's folder for
 * the run, for the operator to look at); reads come from Redis, falling back to `local` for runs started before
 * this store existed. The hash expires like the checkpoint, counted from its last write, for runs that never end.
 */
export function createRedisRunFileStore(
  redis: Redis,
  options: { prefix: string; runId: string; local: RunFileStore; limits?: RedisRunFileLimits },
): RedisRunFileStore {
  const key = runFilesKey(options.prefix, options.runId);
  const limits = options.limits ?? RUN_FILE_LIMITS;
  return {
    async get(file) {
      return (await redis.hget(key, file)) ?? options.local.get(file);
    },
    async set(file, text) {
      const stored = fitted(file, text, limits.fileBytes);
      const total = (await redis.eval(
        SET_FILE,
        1,
        key,
        file,
        stored,
        limits.runBytes,
        CHECKPOINT_TTL_SECONDS,
      )) as number;
      if (total < 0) {
        throw new WorkspaceError(
          `the run's files would pass ${formatMb(limits.runBytes)} in Redis with ${file} (${formatMb(Buffer.byteLength(stored))}): the run keeps too much to be resumed elsewhere; lower optimize.maxIterations or make the benchmark print less`,
          true,
        );
      }
      await options.local.set(file, text);
    },
    async list(folder) {
      const names = new Set(
        (await redis.hkeys(key)).filter((f) => f.startsWith(`${folder}/`)).map((f) => f.slice(folder.length + 1)),
      );
      for (const name of await options.local.list(folder)) names.add(name);
      return [...names];
    },
    async remove() {
      await redis.del(key);
    },
  };
}

/** An artifact is for reading and may be cut; a patch or a data file is needed whole, so a too-large one is refused. */
function fitted(file: string, text: string, cap: number): string {
  const bytes = Buffer.byteLength(text);
  if (bytes <= cap) return text;
  if (!file.startsWith('bots/')) {
    throw new WorkspaceError(
      `${file} is ${formatMb(bytes)}, more than the ${formatMb(cap)} a run file may be: the run cannot keep it`,
      true,
    );
  }
  const note = `\n\n… cut at ${formatMb(cap)} of ${formatMb(bytes)} (the whole file is in the worker's run folder)\n`;
  return (
    Buffer.from(text)
      .subarray(0, cap - Buffer.byteLength(note))
      .toString('utf8')
      .replace(/\uFFFD$/, '') + note
  );
}

function formatMb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}
