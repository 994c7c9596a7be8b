import type { Redis } from 'ioredis';
import type { StatusCommentStore } from '../runs/status-comment-store.ts';

/** Latest status comment per PR in Redis (`<prefix>:perfbot:status:<repo>:<pr>`), kept for 90 days. */
export function createRedisStatusCommentStore(redis: Redis, prefix: string): StatusCommentStore {
  const key = (repoId: number, pr: number) => `${prefix}:perfbot:status:${repoId}:${pr}`;
  return {
    async getLatest(repoId, pr) {
      const raw = await redis.get(key(repoId, pr));
      return raw ? (JSON.parse(raw) as { id: number; nodeId: string; runId: string }) : null;
    },
    async setLatest(repoId, pr, comment) {
      await redis.set(key(repoId, pr), JSON.stringify(comment), 'EX', 90 * 24 * 3600);
    },
  };
}
