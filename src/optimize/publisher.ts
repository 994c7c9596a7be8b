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
  /** Links for the final report (trusted, built by the adapter). */
  links?: { commit?: string; pullRequest?: string };
}

/**
 * The COMMIT phase's port for delivering its commit. Local CLI: fetch it into the user's repository as branch
 * `perf/<task>` (`createLocalBranchPublisher`). GitHub worker (later): push the branch and open or update the
 * pull request. Must be safe to repeat: a second call for the same branch and an identical commit succeeds.
 */
export interface Publisher {
  publish(request: PublishRequest): Promise<PublishResult>;
}
