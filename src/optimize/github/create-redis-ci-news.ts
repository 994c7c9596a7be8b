import type { Redis } from 'ioredis';

/** A `check_suite`/`check_run` delivery reduced to what the CI monitor needs: which commit, and how it ended. */
export interface CiNews {
  repoId: number;
  sha: string;
  /** The suite's (or run's) conclusion; `null` when GitHub sent none. */
  conclusion: string | null;
}

/** Wakes CI monitors waiting on a commit; see `createRedisCiWake`. */
export interface CiWake {
  /** Calls `onNews` whenever news about `sha` of repository `repoId` arrives; returns the unsubscribe. */
  subscribe(repoId: number, sha: string, onNews: () => void): () => void;
  close(): Promise<void>;
}

/** How long the last conclusion of a commit stays readable (for operators and tests; monitors re-check GitHub). */
const NEWS_TTL_SECONDS = 24 * 3600;

/** `<prefix>:perfbot:ci:<repoId>:<sha>`: the last conclusion GitHub reported for that commit. */
export function ciNewsKey(prefix: string, repoId: number, sha: string): string {
  return `${prefix}:perfbot:ci:${repoId}:${sha}`;
}

function ciNewsChannel(prefix: string): string {
  return `${prefix}:perfbot:ci`;
}

/**
 * Records CI news (intake worker side): the conclusion under `ciNewsKey` and a message on the prefix's CI channel,
 * which every worker process's `createRedisCiWake` hears. Cheap enough to do for every delivery, so the HTTP
 * handler and intake need not know which commits a monitor is waiting on.
 */
export async function publishCiNews(redis: Redis, prefix: string, news: CiNews): Promise<void> {
  await redis.set(ciNewsKey(prefix, news.repoId, news.sha), news.conclusion ?? 'none', 'EX', NEWS_TTL_SECONDS);
  await redis.publish(ciNewsChannel(prefix), `${news.repoId}:${news.sha}`);
}

/**
 * The worker side: one subscription (on `subscriber`, a connection of its own — a subscribed ioredis client can
 * do nothing else) dispatching CI news to the monitors of this process. ioredis re-subscribes after a reconnect;
 * news lost meanwhile (or before the subscription is active) only costs a poll interval: polling stays the fallback.
 */
export function createRedisCiWake(subscriber: Redis, prefix: string): CiWake {
  const channel = ciNewsChannel(prefix);
  const listeners = new Map<string, Set<() => void>>();
  const onMessage = (from: string, message: string) => {
    if (from !== channel) return;
    for (const listener of [...(listeners.get(message) ?? [])]) listener();
  };
  subscriber.on('message', onMessage);
  // Not awaited: start-up must not wait on Redis here (a worker connection waits out outages instead of failing).
  subscriber.subscribe(channel).catch(() => undefined);
  return {
    subscribe(repoId, sha, onNews) {
      const key = `${repoId}:${sha}`;
      const set = listeners.get(key) ?? new Set();
      set.add(onNews);
      listeners.set(key, set);
      return () => {
        set.delete(onNews);
        if (set.size === 0) listeners.delete(key);
      };
    },
    async close() {
      subscriber.off('message', onMessage);
      await subscriber.unsubscribe(channel).catch(() => undefined);
    },
  };
}
