/** A commit built by COMMIT, ready to be delivered. */
export interface PublishRequest {
  /** The trusted repository that holds the commit (see `TrustedRepo`); delivery reads it from there. */
  gitDir: string;
  sha: string;
  /** The commit's parent: the run's starting commit. */
  parentSha: string;
  /** `perf/<task>`. */
  branch: string;
  runId: string;
  signal: AbortSignal;
}

/** Where the commit went. `pushed: false` means no CI will see it, so MONITOR is skipped. */
export interface PublishResult {
  /** The commit that is on the branch now: `sha`, or an identical one left there by an interrupted attempt. */
  sha: string;
  pushed: boolean;
  prNumber?: number;
  /** What happened, for the run's history and checklist, when not just `pushed` / `committed locally` (`patch posted`). */
  label?: string;
  /**
   * Links for the final report (trusted, built by the adapter). `patch`: the comment that carries the change as
   * a patch, when it was posted instead of pushed (a fork's pull request).
   */
  links?: { commit?: string; pullRequest?: string; patch?: string };
}

/**
 * The COMMIT phase's port for delivering its commit. Local CLI: fetch it into the user's repository as branch
 * `perf/<task>` (`createLocalBranchPublisher`). GitHub worker: push the branch and open or update the pull
 * request (`createGitHubPublisher`), or, for a pull request from a fork, post the commit as a patch comment and
 * push nothing (`createPatchCommentPublisher`). Must be safe to repeat: a second call for the same branch and
 * an identical commit succeeds.
 */
export interface Publisher {
  publish(request: PublishRequest): Promise<PublishResult>;
}
