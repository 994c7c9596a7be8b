import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { cancelReasonText } from '../domain/cancel-reason.ts';
import type { RunQueuePort } from '../intake/run-queue-port.ts';
import { cancelTargetJobs } from '../queue/cancel-target-jobs.ts';
import { enqueueRun } from '../queue/enqueue-run.ts';
import { listRepoJobs } from '../queue/list-repo-jobs.ts';
import type { RunJobData } from '../queue/run-job-data.ts';

/** The run queue as intake sees it, over BullMQ. */
export function createRunQueuePort(queue: Queue<RunJobData>, redis: Redis): RunQueuePort {
  return {
    async enqueue(data) {
      const result = await enqueueRun(queue, data, { redis });
      return result.status === 'duplicate'
        ? { status: 'duplicate', jobId: result.jobId }
        : { status: 'queued', jobId: result.jobId, superseded: result.superseded.removed };
    },
    async list(repoId) {
      return (await listRepoJobs(queue, repoId)).map((job) => ({
        id: job.id,
        kind: job.kind,
        target: job.target,
        state: job.state,
        position: job.position,
        phase: job.phase,
        elapsedMs: job.elapsedMs,
        actor: job.actor.login,
      }));
    },
    cancel: (repoId, target, reason) =>
      cancelTargetJobs({ queue, redis, repoId, target, reason: cancelReasonText(reason) }),
  };
}
