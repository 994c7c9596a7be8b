import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** A parked run: which job of which repository waits for what (`SuspendRunError.waitKey`). */
export interface RunWait {
  prefix: string;
  repoId: number;
  waitKey: string;
}

/** How long a wait record outlives the job's recheck time (a record left over only costs one lookup). */
const WAIT_TTL_MS = 24 * 3600_000;

/** `<prefix>:perfbot:wait:<repoId>:<waitKey>` → the id of the delayed run job waiting for it. */
export function runWaitKey(wait: RunWait): string {
  return `${wait.prefix}:perfbot:wait:${wait.repoId}:${wait.waitKey}`;
}

/** Remembers that job `jobId`, parked until `resumeAt`, waits for `wait.waitKey` (run worker side). */
export async function recordRunWait(redis: Redis, wait: RunWait, jobId: string, resumeAt: number): Promise<void> {
  const ttlMs = Math.max(0, resumeAt - Date.now()) + WAIT_TTL_MS;
  await redis.set(runWaitKey(wait), jobId, 'PX', ttlMs);
}

/**
 * Wakes the run waiting for `wait.waitKey` (intake side, on a `check_suite`/`check_run` webhook): a delayed job
 * is promoted to waiting at once instead of at its recheck time. Returns the promoted job's id, if any. A job
 * not (or no longer) delayed is left alone: it is looking already, or gone.
 */
export async function wakeWaitingRun(redis: Redis, queue: Queue, wait: RunWait): Promise<string | undefined> {
  const jobId = await redis.get(runWaitKey(wait));
  if (jobId === null) return undefined;
  const job = await queue.getJob(jobId);
  if (job === undefined || !(await job.isDelayed())) return undefined;
  try {
    await job.promote();
  } catch {
    // It left the delayed set meanwhile (its recheck time came, or another delivery promoted it).
    return undefined;
  }
  // The record stays (it expires): the job may park again for the same key before a delete could land.
  return jobId;
}
