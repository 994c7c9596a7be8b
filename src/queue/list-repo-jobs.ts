import type { JobType, Queue } from 'bullmq';
import type { LiveJobState } from './live-job-state.ts';
import { readRunJobData } from './read-run-job-data.ts';
import { type RunJobData, RunJobProgress } from './run-job-data.ts';

/** A queued or running run, as `/perf status` shows it. */
export interface RepoJob {
  id: string;
  kind: RunJobData['kind'];
  target: RunJobData['target'];
  headSha: string;
  state: LiveJobState;
  /** 1-based place among all waiting runs of the queue (every repository's): 1 starts next. */
  position?: number;
  /** What a running job reported last (`job.updateProgress`). */
  phase?: string;
  /** When the current attempt started (ISO), for running jobs. */
  startedAt?: string;
  elapsedMs?: number;
  actor: RunJobData['actor'];
}

/**
 * The repository's queued and running runs: running first, then waiting in the order they will start, then
 * delayed (retrying, or waiting for a free repository slot). `now` is injectable for exact tests.
 */
export async function listRepoJobs(
  queue: Queue<RunJobData>,
  repoId: number,
  now: number = Date.now(),
): Promise<RepoJob[]> {
  const listed: RepoJob[] = [];
  const seen = new Set<string>();
  let waitingSeen = 0;
  for (const [type, state] of LISTED_TYPES) {
    // Oldest first: for waiting jobs, the order in which workers take them.
    for (const job of await queue.getJobs(type, 0, -1, true)) {
      if (state === 'waiting') waitingSeen++;
      const data = readRunJobData(job.data);
      // A job moving between lists while they are read can show up twice.
      if (job.id === undefined || data === undefined || data.repo.id !== repoId || seen.has(job.id)) continue;
      seen.add(job.id);
      const { kind, target, headSha, actor } = data;
      const entry: RepoJob = { id: job.id, kind, target, headSha, state, actor };
      if (state === 'waiting') entry.position = waitingSeen;
      if (state === 'active') Object.assign(entry, runningDetails(job, now));
      listed.push(entry);
    }
  }
  return listed;
}

/** BullMQ's lists of live jobs in the order `/perf status` shows them, and what each means to a user. */
const LISTED_TYPES: readonly (readonly [JobType, LiveJobState])[] = [
  ['active', 'active'],
  ['waiting', 'waiting'],
  ['paused', 'waiting'],
  ['prioritized', 'waiting'],
  ['waiting-children', 'waiting'],
  ['delayed', 'delayed'],
];

function runningDetails(job: { progress: unknown; processedOn?: number }, now: number): Partial<RepoJob> {
  const details: Partial<RepoJob> = {};
  const progress = RunJobProgress.safeParse(job.progress);
  if (progress.success) details.phase = progress.data.phase;
  if (job.processedOn !== undefined) {
    details.startedAt = new Date(job.processedOn).toISOString();
    details.elapsedMs = Math.max(0, now - job.processedOn);
  }
  return details;
}

/** The repository's queued and running runs on one pull request or issue, for `/perf cancel`. */
export async function findTargetJobs(
  queue: Queue<RunJobData>,
  repoId: number,
  target: Pick<RunJobData['target'], 'type' | 'number'>,
): Promise<RepoJob[]> {
  const jobs = await listRepoJobs(queue, repoId);
  return jobs.filter((job) => job.target.type === target.type && job.target.number === target.number);
}
