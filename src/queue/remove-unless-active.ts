import type { JobState } from 'bullmq';
import { toLiveJobState } from './live-job-state.ts';

interface RemovableJob {
  remove(): Promise<void>;
  getState(): Promise<JobState | 'unknown'>;
}

/**
 * Removes a job that has not started. `active` when a worker holds it (BullMQ refuses to remove a locked job,
 * and a waiting job may be taken between reading its state and removing it); `gone` when it finished meanwhile,
 * whose record is kept (a failed job's reason is what the user asks about next).
 */
export async function removeUnlessActive(job: RemovableJob): Promise<'removed' | 'active' | 'gone'> {
  const before = toLiveJobState(await job.getState());
  if (before === undefined) return 'gone';
  if (before === 'active') return 'active';
  try {
    await job.remove();
    return 'removed';
  } catch (error) {
    const state = await job.getState();
    if (state === 'active') return 'active';
    if (toLiveJobState(state) === undefined) return 'gone';
    throw error;
  }
}
