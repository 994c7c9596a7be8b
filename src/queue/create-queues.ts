import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { IntakeJobData } from './intake-job-data.ts';
import { DEFAULT_PREFIX, INTAKE_QUEUE, RUN_QUEUE } from './queue-names.ts';
import type { RunJobData } from './run-job-data.ts';

/** Where a queue lives: the connection (owned by the caller) and the key prefix. */
export interface QueueConnectionOptions {
  connection: Redis;
  /** BullMQ key prefix; default `bull`. Tests pass a random one. */
  prefix?: string;
}

/** The intake queue, typed. Job options are set per job by `enqueueIntake`. */
export function createIntakeQueue(options: QueueConnectionOptions): Queue<IntakeJobData> {
  const { connection, prefix = DEFAULT_PREFIX } = options;
  return new Queue<IntakeJobData>(INTAKE_QUEUE, { connection, prefix });
}

/** The run queue, typed. Job options are set per job by `enqueueRun`. */
export function createRunQueue(options: QueueConnectionOptions): Queue<RunJobData> {
  const { connection, prefix = DEFAULT_PREFIX } = options;
  return new Queue<RunJobData>(RUN_QUEUE, { connection, prefix });
}
