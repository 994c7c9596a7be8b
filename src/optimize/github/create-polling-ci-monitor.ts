import { truncateCodePoints } from '../../domain/untrusted-text.ts';
import type { CheckRunSummary, GitHubClient, RepoRef } from '../../github/github-client.ts';
import { TransientGitHubError } from '../../domain/errors.ts';
import type { CiFailure } from '../../pipeline/pipeline-state.ts';
import type { CiLook, CiMonitor } from '../ci-monitor.ts';

export interface PollingCiMonitorOptions {
  github: GitHubClient;
  repo: RepoRef;
  /** Longest time between two looks at the commit's check runs (the fallback when no webhook arrives). Default 30 s. */
  intervalMs?: number;
  /** Check runs Perfbot writes itself (`perf`, `perf/review`): never waited for. */
  ignore?: readonly string[];
  /**
   * Watching every check (`monitor.checks` empty) of a repository that has no CI: when no check run at all has
   * appeared this long after the wait began, CI is taken as green. Default 5 minutes (capped by the timeout).
   */
  noChecksGraceMs?: number;
  now: () => number;
  /** Each look's tally, e.g. for the status comment (`2 of 3 checks finished`). */
  onPoll?: (tally: { finished: number; total: number }) => void;
}

/** Conclusions that let a commit through; any other conclusion of a watched check fails CI. */
const PASSING = new Set(['success', 'neutral', 'skipped']);
/** Longest summary kept per failed check (untrusted text, quoted to the analyzer and in reports). */
const MAX_SUMMARY = 2000;

/**
 * The MONITOR phase's `CiMonitor` for the GitHub worker: each `look` reads the pushed commit's check runs once.
 * Every watched check (`monitor.checks`; empty = every check run reported) completed and passing → green; a
 * watched check that completed with another conclusion → failed, with each failed check's name and output
 * summary; past the deadline (`since` + `monitor.timeoutMinutes`) → timeout; otherwise pending, to look again
 * within `intervalMs`. A rerun check counts by its latest run. A transient API error counts as pending.
 * The waiting between looks happens outside the job (see `SuspendRunError`): a `check_suite`/`check_run`
 * webhook promotes the parked job, and the recheck time is the polling fallback.
 */
export function createPollingCiMonitor(options: PollingCiMonitorOptions): CiMonitor {
  const intervalMs = options.intervalMs ?? 30_000;
  const ignored = new Set(options.ignore ?? []);
  return {
    async look(request): Promise<CiLook> {
      const deadline = request.since + request.timeoutMs;
      const graceEnd = request.since + Math.min(options.noChecksGraceMs ?? 5 * 60_000, request.timeoutMs);
      const runs = await listRuns(options, request.sha);
      if (runs !== undefined) {
        const latest = latestByName(runs.filter((run) => !ignored.has(run.name)));
        const watched =
          request.checks.length === 0 ? [...latest.values()] : request.checks.map((name) => latest.get(name));
        const finished = watched.filter((run): run is CheckRunSummary => run?.status === 'completed');
        options.onPoll?.({ finished: finished.length, total: watched.length });
        const failures = finished.filter((run) => !PASSING.has(run.conclusion ?? '')).map(toFailure);
        if (failures.length > 0) return { result: 'failed', failures };
        if (watched.length > 0 && finished.length === watched.length) return { result: 'green' };
        if (watched.length === 0 && request.checks.length === 0 && options.now() >= graceEnd)
          return { result: 'green' };
      }
      const now = options.now();
      const left = deadline - now;
      if (left <= 0) return { result: 'timeout' };
      return { result: 'pending', recheckAt: now + Math.min(intervalMs, left) };
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
  return { name: run.name, summary: truncateCodePoints(text, MAX_SUMMARY + 1) };
}
