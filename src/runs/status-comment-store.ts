import type { GitHubClient, RepoRef } from '../github/github-client.ts';

/** Remembers the latest status comment per pull request, so the previous one can be marked outdated. */
export interface StatusCommentStore {
  getLatest(repoId: number, pr: number): Promise<{ id: number; nodeId: string; runId: string } | null>;
  setLatest(repoId: number, pr: number, comment: { id: number; nodeId: string; runId: string }): Promise<void>;
}

/**
 * Records `latest` as the pull request's status comment and marks the one it replaces outdated (minimized), so
 * only the newest report stands out. Cosmetic: callers treat a failure as a warning.
 */
export async function markPreviousOutdated(
  github: GitHubClient,
  repo: RepoRef,
  store: StatusCommentStore,
  at: { repoId: number; pr: number },
  latest: { id: number; nodeId: string; runId: string },
): Promise<void> {
  const previous = await store.getLatest(at.repoId, at.pr);
  await store.setLatest(at.repoId, at.pr, latest);
  if (previous && previous.id !== latest.id) await github.markCommentOutdated(repo, previous);
}
