import type { CiFailure } from '../pipeline/pipeline-state.ts';

/** A pushed commit whose CI the MONITOR phase looks at. */
export interface CiLookRequest {
  sha: string;
  branch: string;
  prNumber?: number;
  /** `monitor.checks`: names to watch; empty watches every check. */
  checks: readonly string[];
  /** When the wait for this commit's CI began (epoch ms); the timeout and grace periods count from it. */
  since: number;
  /** `monitor.timeoutMinutes`, in ms. */
  timeoutMs: number;
}

/** How CI ended; `failures` carry each failed check's name and a summary of its output (untrusted). */
export type CiWatchResult = { result: 'green' } | { result: 'failed'; failures: CiFailure[] } | { result: 'timeout' };

/** One look at CI: ended, or still pending and worth another look at `recheckAt` (epoch ms) at the latest. */
export type CiLook = CiWatchResult | { result: 'pending'; recheckAt: number };

/**
 * The MONITOR phase's port: one look at the commit's checks per activation. MONITOR does not wait in the job;
 * on `pending` it suspends the run (`SuspendRunError`), which the worker parks as a delayed job that a
 * `check_suite`/`check_run` webhook promotes (`ciWaitKey`). The local CLI pushes nothing and has none.
 */
export interface CiMonitor {
  look(request: CiLookRequest): Promise<CiLook>;
}

/** The `SuspendRunError.waitKey` of a run waiting for CI of `sha`; intake wakes it on news about that commit. */
export function ciWaitKey(sha: string): string {
  return `ci:${sha}`;
}
