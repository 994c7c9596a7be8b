import type { JobsOptions, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { type LiveJobState, toLiveJobState } from './live-job-state.ts';
import { DEFAULT_PREFIX, perfbotKey } from './queue-names.ts';
import { RunJobData } from './run-job-data.ts';
import { runDedupId, runJobId } from './run-job-key.ts';
import { type SupersededRuns, supersedeOlderRuns } from './supersede-older-runs.ts';

const DAY_SECONDS = 24 * 60 * 60;

/** What {@link enqueueRun} did. */
export type EnqueueRunResult =
  | { status: 'queued'; jobId: string; superseded: SupersededRuns }
  /** The same run (kind, repository, target, head commit) is already queued or running: nothing new started. */
  | { status: 'duplicate'; jobId: string; state: LiveJobState };

export interface EnqueueRunOptions {
  /** The connection the queue uses; holds the per-run sequence counters. */
  redis: Redis;
  /** Tries per run, counting the first; default 3. User errors and cancellations never retry. */
  attempts?: number;
  /** First retry delay; later ones double (exponential backoff). Default 30 s. */
  backoffMs?: number;
}

/**
 * Queues a bench or optimize run, unless the same run is already queued or running, and removes the queued
 * runs of the same target at an older head commit (a push made them pointless).
 *
 * Duplicates are caught by BullMQ's deduplication (`deduplication: { id: <kind>-<repo>-<target>-<sha> }`),
 * atomic inside its add script: the key holds the job id from the add until the job completes, fails for good
 * or is removed, across retries and delays. Job ids are `run-…-<n>` with a Redis counter `n`, so a run of a
 * commit that finished earlier can be requested again.
 */
export async function enqueueRun(
  queue: Queue<RunJobData>,
  data: RunJobData,
  options: EnqueueRunOptions,
): Promise<EnqueueRunResult> {
  const run = RunJobData.parse(data);
  const dedupId = runDedupId(run);
  const jobOptions: JobsOptions = {
    attempts: options.attempts ?? 3,
    backoff: { type: 'exponential', delay: options.backoffMs ?? 30_000 },
    deduplication: { id: dedupId },
    // Kept for `/perf status` and debugging, then trimmed.
    removeOnComplete: { age: 14 * DAY_SECONDS, count: 1000 },
    removeOnFail: { age: 30 * DAY_SECONDS, count: 1000 },
  };
  const prefix = queue.opts.prefix ?? DEFAULT_PREFIX;
  // Two tries: the second after clearing a dedup key left behind by a job that is no longer live.
  for (let attempt = 1; ; attempt++) {
    const jobId = runJobId(run, await nextSequence(options.redis, perfbotKey(prefix, 'run-seq', dedupId)));
    const job = await queue.add(run.kind, run, { ...jobOptions, jobId });
    if (job.id === jobId) return { status: 'queued', jobId, superseded: await supersedeOlderRuns(queue, run, jobId) };
    const existingId = job.id ?? '';
    const state = toLiveJobState(await queue.getJobState(existingId));
    if (state !== undefined) return { status: 'duplicate', jobId: existingId, state };
    if (attempt === 2) throw new Error(`run ${dedupId} is deduplicated onto job ${existingId}, which is not live`);
    await deleteIfEquals(options.redis, `${queue.keys.de}:${dedupId}`, existingId);
  }
}

async function nextSequence(redis: Redis, key: string): Promise<number> {
  const [[incrError, sequence] = [], [expireError] = []] =
    (await redis
      .multi()
      .incr(key)
      .expire(key, 90 * DAY_SECONDS)
      .exec()) ?? [];
  if (incrError || expireError || typeof sequence !== 'number') {
    throw incrError ?? expireError ?? new Error(`could not increment ${key}`);
  }
  return sequence;
}

/**
 * A job that stalled past its limit fails without BullMQ clearing its dedup key; left alone it would make every
 * later request a "duplicate" of a dead job. Deleted only if it still names that job (compare-and-delete).
 */
async function deleteIfEquals(redis: Redis, key: string, value: string): Promise<void> {
  const script = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
  await redis.eval(script, 1, key, value);
}
