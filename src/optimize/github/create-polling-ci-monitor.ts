import type { CheckRunSummary, GitHubClient, RepoRef } from '../../github/github-client.ts';
import { TransientGitHubError } from '../../github/github-errors.ts';
import type { CiFailure } from '../../pipeline/pipeline-state.ts';
import type { CiMonitor, CiWatchResult } from '../ci-monitor.ts';

export interface PollingCiMonitorOptions {
  github: GitHubClient;
  repo: RepoRef;
  /** Between two looks at the commit's check runs. Default 30 s. */
  intervalMs?: number;
  /** Check runs Perfbot writes itself (`perf`, `perf/review`): never waited for. */
  ignore?: readonly string[];
  /**
   * Watching every check (`monitor.checks` empty) of a repository that has no CI: when no check run at all has
   * appeared this long after the push, CI is taken as green. Default 5 minutes (capped by the timeout).
   */
  noChecksGraceMs?: number;
  now: () => number;
  /** Waits `ms`, rejecting when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Each look's tally, e.g. for the status comment (`2 of 3 checks finished`). */
  onPoll?: (tally: { finished: number; total: number }) => void;
  /**
   * News that CI of a commit may have changed (a `check_suite`/`check_run` webhook, see `createRedisCiWake`):
   * `subscribe` calls `onNews` on each; the monitor then looks again at once instead of sleeping out the
   * interval. Without it, or when news is lost, polling alone decides.
   */
  wake?: { subscribe(sha: string, onNews: () => void): () => void };
}

/** The reason a nap is cut short by news (not an abort of the watch). */
const WOKEN = Symbol('woken');

/** Conclusions that let a commit through; any other conclusion of a watched check fails CI. */
const PASSING = new Set(['success', 'neutral', 'skipped']);
/** Longest summary kept per failed check (untrusted text, quoted to the analyzer and in reports). */
const MAX_SUMMARY = 2000;

/**
 * The MONITOR phase's `CiMonitor` for the GitHub worker: polls the pushed commit's check runs until every
 * watched check (`monitor.checks`; empty = every check run reported) has completed. All passing → green; a
 * watched check that completed with another conclusion → failed at once, with each failed check's name and
 * output summary; the deadline (`monitor.timeoutMinutes`) first → timeout. A rerun check counts by its latest
 * run. Transient API errors are waited out like a pending check. With `wake`, a `check_suite`/`check_run`
 * webhook for the commit ends the wait between two looks at once; polling remains the fallback.
 *
 * Known gap: the wait happens inside the job, so it holds a worker slot (and its repository slot) for up to
 * `monitor.timeoutMinutes`. The intended design parks the job instead — `moveToDelayed` at MONITOR, promoted
 * early by the webhook — which needs the queue side; a shutdown during
 * the wait is already safe (the phase is abandoned and repeated by the resumed job).
 */
export function createPollingCiMonitor(options: PollingCiMonitorOptions): CiMonitor {
  const intervalMs = options.intervalMs ?? 30_000;
  const ignored = new Set(options.ignore ?? []);
  return {
    async watch(request): Promise<CiWatchResult> {
      const started = options.now();
      const deadline = started + request.timeoutMs;
      const graceEnd = started + Math.min(options.noChecksGraceMs ?? 5 * 60_000, request.timeoutMs);
      // Subscribed before the first look, so news arriving while a look is in flight is not lost.
      let news = false;
      let cutNap: (() => void) | undefined;
      const unsubscribe = options.wake?.subscribe(request.sha, () => {
        news = true;
        cutNap?.();
      });
      try {
        return await loop();
      } finally {
        unsubscribe?.();
      }

      async function nap(ms: number): Promise<void> {
        request.signal.throwIfAborted();
        if (news) return;
        const napping = new AbortController();
        const forward = () => napping.abort(request.signal.reason);
        request.signal.addEventListener('abort', forward, { once: true });
        cutNap = () => napping.abort(WOKEN);
        try {
          await options.sleep(ms, napping.signal);
        } catch (error) {
          if (napping.signal.reason !== WOKEN) throw error;
        } finally {
          cutNap = undefined;
          request.signal.removeEventListener('abort', forward);
        }
      }

      async function loop(): Promise<CiWatchResult> {
        for (;;) {
          request.signal.throwIfAborted();
          news = false;
          const runs = await listRuns(options, request.sha);
          if (runs !== undefined) {
            const latest = latestByName(runs.filter((run) => !ignored.has(run.name)));
            const watched = request.checks.length === 0 ? [...latest.values()] : request.checks.map((name) => latest.get(name));
            const finished = watched.filter((run): run is CheckRunSummary => run?.status === 'completed');
            options.onPoll?.({ finished: finished.length, total: watched.length });
            const failures = finished.filter((run) => !PASSING.has(run.conclusion ?? '')).map(toFailure);
            if (failures.length > 0) return { result: 'failed', failures };
            if (watched.length > 0 && finished.length === watched.length) return { result: 'green' };
            if (watched.length === 0 && request.checks.length === 0 && options.now() >= graceEnd) return { result: 'green' };
          }
          const left = deadline - options.now();
          if (left <= 0) return { result: 'timeout' };
          await nap(Math.min(intervalMs, left));
        }
      }
    },
  };
}

async function listRuns(options: PollingCiMonitorOptions, sha: string): Promise<CheckRunSummary[] | undefined> {
  try {
    return await options.github.listCheckRunsForRef(options.repo, sha);
  } catch (error) {
    if (error instanceof TransientGitHubError) return undefined;
    throw error;
  }
}

/** The newest run of each check name (a re-run creates a new check run with a higher id). */
function latestByName(runs: readonly CheckRunSummary[]): Map<string, CheckRunSummary> {
  const latest = new Map<string, CheckRunSummary>();
  for (const run of runs) {
    const seen = latest.get(run.name);
    if (seen === undefined || run.id > seen.id) latest.set(run.name, run);
  }
  return latest;
}

function toFailure(run: CheckRunSummary): CiFailure {
  const summary = (run.outputSummary ?? '').trim();
  const text = summary === '' ? `concluded ${run.conclusion ?? 'without a conclusion'}` : summary;
  return { name: run.name, summary: text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY)}…` : text };
}

/** A `sleep` for production: `setTimeout`, cut short (rejecting) by the signal. */
export function sleepWithSignal(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
