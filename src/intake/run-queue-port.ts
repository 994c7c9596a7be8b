import type { CancelReason } from '../domain/cancel-reason.ts';
import type { RunJobData } from '../queue/run-job-data.ts';

/** A queued or running job, as `/perf status` lists it. */
export interface RepoJob {
  id: string;
  kind: RunJobData['kind'];
  target: { type: 'pull' | 'issue'; number: number };
  state: 'waiting' | 'delayed' | 'active';
  /** 1-based position among waiting jobs. */
  position?: number;
  phase?: string;
  elapsedMs?: number;
  actor: string;
}

export type EnqueueRunResult =
  { status: 'queued'; jobId: string; superseded: string[] } | { status: 'duplicate'; jobId: string };

/** What intake needs from the run queue (implemented over BullMQ in the composition root). */
export interface RunQueuePort {
  enqueue(data: RunJobData): Promise<EnqueueRunResult>;
  list(repoId: number): Promise<RepoJob[]>;
  cancel(
    repoId: number,
    target: RunJobData['target'],
    reason: CancelReason,
  ): Promise<{ removed: string[]; cancelling: string[] }>;
}
