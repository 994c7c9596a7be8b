import { randomBytes, randomUUID } from 'node:crypto';
import type { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedisConnection, type RedisRole } from '../../../src/queue/create-redis-connection.ts';
import type { QueueLog } from '../../../src/queue/queue-log.ts';
import type { RunJobData } from '../../../src/queue/run-job-data.ts';

export const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** One test's own corner of the shared Redis: a random key prefix, and everything to close and delete after. */
export interface RedisTestContext {
  prefix: string;
  connect(role: RedisRole): Redis;
  /** Registers a queue or worker to close before the connections are quit. */
  track<T extends Queue | Worker>(closable: T): T;
  /** Closes everything, then deletes every key under the prefix (never FLUSHALL: the Redis is shared). */
  cleanup(): Promise<void>;
}

export function createRedisTestContext(): RedisTestContext {
  const prefix = `perfbot-test-${randomUUID().slice(0, 8)}`;
  const connections: Redis[] = [];
  const closables: (Queue | Worker)[] = [];
  return {
    prefix,
    connect(role) {
      const connection = createRedisConnection(REDIS_URL, { role });
      connection.on('error', () => {}); // reconnection noise; tests assert on outcomes
      connections.push(connection);
      return connection;
    },
    track(closable) {
      closables.push(closable);
      return closable;
    },
    async cleanup() {
      // Workers are closed without waiting for their jobs: a failed test may leave one blocked.
      await Promise.all(
        closables.map((closable) =>
          ('cancelAllJobs' in closable ? closable.close(true) : closable.close()).catch(() => {}),
        ),
      );
      const admin = createRedisConnection(REDIS_URL, { role: 'worker' });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
          if (keys.length > 0) await admin.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        admin.disconnect();
        for (const connection of connections) connection.disconnect();
      }
    },
  };
}

/** A logger that keeps what it was told, for asserting on warnings. */
export function createTestLog(): QueueLog & {
  lines: { level: string; message: string; meta: Record<string, unknown> }[];
} {
  const lines: { level: string; message: string; meta: Record<string, unknown> }[] = [];
  const at = (level: string) => (meta: Record<string, unknown>, message: string) =>
    void lines.push({ level, message, meta });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export function randomSha(): string {
  return randomBytes(20).toString('hex');
}

/** A valid run request; `repoId`, `pull` and `headSha` are the fields the tests vary. */
export function runRequest(
  options: { repoId?: number; pull?: number; headSha?: string; kind?: 'bench' | 'optimize' } = {},
): RunJobData {
  const repoId = options.repoId ?? 42;
  return {
    kind: options.kind ?? 'bench',
    repo: {
      id: repoId,
      owner: 'octo',
      name: `repo${repoId}`,
      fullName: `octo/repo${repoId}`,
      defaultBranch: 'main',
    },
    installationId: 7,
    target: { type: 'pull', number: options.pull ?? 1 },
    headSha: options.headSha ?? randomSha(),
    actor: { login: 'octocat', id: 583231 },
    trigger: { source: 'comment', commentId: 99, deliveryId: randomUUID() },
    requestedAt: '2026-01-02T03:04:05.000Z',
  };
}

/** Polls `probe` until it returns something other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Waits until the job is in `state` (a BullMQ state name). */
export async function waitForState(queue: Queue, jobId: string, state: string, timeoutMs?: number): Promise<void> {
  await waitFor(
    `job ${jobId} to be ${state}`,
    async () => ((await queue.getJobState(jobId)) === state ? true : undefined),
    timeoutMs,
  );
}

/** A promise with its resolve function, for processors that wait on the test. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
