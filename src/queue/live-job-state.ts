import type { JobState } from 'bullmq';

/** The states of a job that is still going to run or is running, as Perfbot reports them. */
export type LiveJobState = 'waiting' | 'delayed' | 'active';

/**
 * Maps BullMQ's state to a {@link LiveJobState}, or undefined for a finished or missing job. Prioritized and
 * waiting-children jobs are waiting, as far as a user can tell.
 */
export function toLiveJobState(state: JobState | 'unknown'): LiveJobState | undefined {
  switch (state) {
    case 'waiting':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    case 'delayed':
      return 'delayed';
    case 'active':
      return 'active';
    default:
      return undefined;
  }
}

/** BullMQ's job types that {@link toLiveJobState} maps to a live state, for `queue.getJobs`. */
export const LIVE_JOB_TYPES = ['active', 'waiting', 'paused', 'prioritized', 'waiting-children', 'delayed'] as const;
