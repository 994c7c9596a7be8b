import type { Redis } from 'ioredis';

/** A `check_suite`/`check_run` delivery reduced to what the CI monitor needs: which commit, and how it ended. */
export interface CiNews {
  repoId: number;
  sha: string;
  /** The suite's (or run's) conclusion; `null` when GitHub sent none. */
  conclusion: string | null;
}

/** How long the last conclusion of a commit stays readable (for operators and tests; monitors re-check GitHub). */
const NEWS_TTL_SECONDS = 24 * 3600;

/** `<prefix>:perfbot:ci:<repoId>:<sha>`: the last conclusion GitHub reported for that commit. */
export function ciNewsKey(prefix: string, repoId: number, sha: string): string {
  return `${prefix}:perfbot:ci:${repoId}:${sha}`;
}

/**
 * Records CI news (intake worker side) under `ciNewsKey`. Waking the run that waits for the commit is
 * `wakeWaitingRun`'s job; MONITOR itself re-checks GitHub, so this record is informational.
 */
export async function publishCiNews(redis: Redis, prefix: string, news: CiNews): Promise<void> {
  await redis.set(ciNewsKey(prefix, news.repoId, news.sha), news.conclusion ?? 'none', 'EX', NEWS_TTL_SECONDS);
}
