import type { CiFailure } from '../pipeline/pipeline-state.ts';

/** A pushed commit whose CI the MONITOR phase waits for. */
export interface CiWatchRequest {
  sha: string;
  branch: string;
  prNumber?: number;
  /** `monitor.checks`: names to watch; empty watches every check. */
  checks: readonly string[];
  /** `monitor.timeoutMinutes`, in ms. */
  timeoutMs: number;
  signal: AbortSignal;
}

/** How CI ended; `failures` carry each failed check's name and a summary of its output (untrusted). */
export type CiWatchResult = { result: 'green' } | { result: 'failed'; failures: CiFailure[] } | { result: 'timeout' };

/**
 * The MONITOR phase's port. The GitHub adapter (later) resolves it from `check_suite` webhooks and re-checks
 * with a delayed job, so a restarted worker resumes the wait; the local CLI pushes nothing and has none.
 */
export interface CiMonitor {
  watch(request: CiWatchRequest): Promise<CiWatchResult>;
}
