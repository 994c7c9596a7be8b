/** Remembers the latest status comment per pull request, so the previous one can be marked outdated. */
export interface StatusCommentStore {
  getLatest(repoId: number, pr: number): Promise<{ id: number; nodeId: string; runId: string } | null>;
  setLatest(repoId: number, pr: number, comment: { id: number; nodeId: string; runId: string }): Promise<void>;
}
