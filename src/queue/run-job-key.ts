import type { RunJobData } from './run-job-data.ts';

type RunIdentity = Pick<RunJobData, 'kind' | 'repo' | 'target'>;

/** One kind of run on one pull request or issue: `bench-42-pull7`. A newer head supersedes an older one. */
export function runTargetKey(data: RunIdentity): string {
  return `${data.kind}-${data.repo.id}-${data.target.type}${data.target.number}`;
}

/** One kind of run of one commit on one target: at most one of these is queued or running at a time. */
export function runDedupId(data: RunIdentity & Pick<RunJobData, 'headSha'>): string {
  return `${runTargetKey(data)}-${data.headSha}`;
}

/**
 * The job id of the `sequence`-th request for the same run: `run-bench-42-pull7-0123456789ab-1`. Readable in
 * logs and Redis, and never reused, because BullMQ would ignore a new job whose id is still kept as completed.
 */
export function runJobId(data: RunIdentity & Pick<RunJobData, 'headSha'>, sequence: number): string {
  return `run-${runTargetKey(data)}-${data.headSha.slice(0, 12)}-${sequence}`;
}
