import type { Redis } from 'ioredis';
import { perfbotKey } from '../queue/queue-names.ts';
import { Acknowledgement } from './acknowledgement.ts';
import type { AckStore } from './ack-store.ts';
import type { FailedRunRecord } from './failed-run-record.ts';

/** As long as the status-comment store: a pull request reviewed months later still shows its acks. */
const TTL_SECONDS = 90 * 24 * 3600;

/**
 * The store in Redis: `<prefix>:perfbot:failed-run:<repoId>:<pr>` holds the latest gate failure (JSON), and the
 * hash `<prefix>:perfbot:acks:<repoId>:<pr>` one ack per head SHA (field = SHA). Both expire 90 days after the
 * last write. Acks are parsed on the way out; one that does not parse is skipped, never shown.
 */
export function createRedisAckStore(redis: Redis, prefix: string): AckStore {
  const failedKey = (repoId: number, pr: number) => perfbotKey(prefix, 'failed-run', repoId, pr);
  const acksKey = (repoId: number, pr: number) => perfbotKey(prefix, 'acks', repoId, pr);
  return {
    async saveFailedRun(repoId, pr, record) {
      await redis.set(failedKey(repoId, pr), JSON.stringify(record), 'EX', TTL_SECONDS);
    },
    async getFailedRun(repoId, pr) {
      const raw = await redis.get(failedKey(repoId, pr));
      return raw === null ? null : (JSON.parse(raw) as FailedRunRecord);
    },
    async saveAck(ack) {
      const key = acksKey(ack.repoId, ack.pr);
      await redis.multi().hset(key, ack.headSha, JSON.stringify(ack)).expire(key, TTL_SECONDS).exec();
    },
    async listAcks(repoId, pr) {
      const all = await redis.hvals(acksKey(repoId, pr));
      return all
        .flatMap((raw) => {
          const parsed = Acknowledgement.safeParse(safeJson(raw));
          return parsed.success ? [parsed.data] : [];
        })
        .sort((a, b) => (a.at === b.at ? 0 : a.at < b.at ? 1 : -1));
    },
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
