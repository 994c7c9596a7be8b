import type { GitHubClient, RepoRef } from '../../github/github-client.ts';
import type { Phase } from '../../pipeline/phase-names.ts';
import type { PipelineState } from '../../pipeline/pipeline-state.ts';
import type { RunJobData } from '../../queue/run-job-data.ts';
import { describeRunFailure } from '../../reports/run-failure.ts';
import type { RunPhaseState } from '../../reports/run-phases.ts';
import type { StatusOutcome } from '../../reports/render-status-comment.ts';
import { PhaseTracker } from '../../runs/phase-tracker.ts';
import type { PipelineProgress } from '../run-pipeline.ts';
import { NoAgentsConfiguredError } from './no-agents-configured-error.ts';
import { renderOptimizeStatus } from './render-optimize-status.ts';

export interface OptimizeStatusOptions {
  github: GitHubClient;
  repo: RepoRef;
  /** The PR or issue the run reports on. */
  issue: number;
  jobId: string;
  data: RunJobData;
  now: () => number;
  /** Applied to every body before it is posted. */
  redact: (text: string) => string;
  /** Least time between two progress edits within a phase; default 15 s. */
  progressEveryMs?: number;
  reportPhase?: (phase: string, detail?: string) => void;
}

/** The one status comment of an optimize run (`run-<jobId>`), kept up to date from the pipeline's progress. */
export interface OptimizeStatus {
  readonly tracker: PhaseTracker;
  /** What the title says the run starts from; the PR's base once known. */
  baseLabel: string;
  /** The comment's web address once posted. */
  readonly url: string | undefined;
  post(): Promise<void>;
  /** Progress within the running phase (`2 of 3 checks finished`), shown at most every `progressEveryMs`. */
  progress(detail: string): void;
  onPipeline(event: PipelineProgress, maxIterations: number): void;
  /** The run failed outside the pipeline (before it, or while setting it up); `cancelled` when a cancel caused it. */
  fail(error: unknown, cancelled?: boolean): Promise<void>;
  headMoved(current: string): Promise<void>;
  /** A shutdown stopped the run mid-phase; the requeued job resumes it. Best effort. */
  interrupted(): Promise<void>;
  /** The run is parked (MONITOR waiting for CI): shows `detail` on the running phase; this activation ends. */
  waiting(detail: string): Promise<void>;
  /** The pipeline is done: the final report, with the checklist collapsed under it. */
  finish(state: PipelineState, finalReport: string | undefined): Promise<void>;
}

/** Phases whose detail names the iteration they work on. */
const ITERATION_PHASES: ReadonlySet<Phase> = new Set([
  'analyze',
  'optimize',
  'verify',
  'review',
  'confirm',
  'commit',
  'monitor',
]);

/**
 * Keeps the status comment: phase changes are edited in at once, progress within a phase at most every
 * `progressEveryMs`; at most one edit is in flight (one more is remembered), and the final edit waits for it,
 * so a late progress edit never overwrites the outcome.
 */
export function createOptimizeStatus(options: OptimizeStatusOptions): OptimizeStatus {
  const { github, repo, jobId, data, now } = options;
  const tracker = new PhaseTracker('optimize', now);
  let commentId: number | undefined;
  let url: string | undefined;
  let lastEdit = 0;
  let inFlight: Promise<unknown> | undefined;
  let again = false;
  let ended = false;

  const write = async (extra: { outcome?: StatusOutcome; finalReport?: string; note?: string } = {}) => {
    const running = tracker.phases.find((phase) => phase.state === 'running');
    if (running) options.reportPhase?.(running.name, running.detail);
    const body = renderOptimizeStatus({
      phases: tracker.phases,
      now: now(),
      headSha: data.headSha,
      baseLabel: self.baseLabel,
      actor: data.actor.login,
      runId: jobId,
      ...extra,
    });
    const posted = await github.upsertComment(repo, options.issue, `run-${jobId}`, options.redact(body), commentId);
    commentId = posted.id;
    url = posted.url;
    lastEdit = now();
  };

  const edit = (): void => {
    if (ended) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = write()
      .catch(() => undefined)
      .finally(() => {
        inFlight = undefined;
        if (again) {
          again = false;
          edit();
        }
      });
  };

  const final = async (extra: { outcome?: StatusOutcome; finalReport?: string; note?: string }) => {
    ended = true;
    while (inFlight) await inFlight;
    await write(extra);
  };

  const self: OptimizeStatus = {
    tracker,
    baseLabel: data.repo.defaultBranch,
    get url() {
      return url;
    },
    post: () => write(),
    progress(detail) {
      tracker.detail(detail);
      const running = tracker.phases.find((phase) => phase.state === 'running');
      if (running) options.reportPhase?.(running.name, running.detail);
      if (now() - lastEdit >= (options.progressEveryMs ?? 15_000)) edit();
    },
    onPipeline(event, maxIterations) {
      if (event.kind === 'resumed') restoreFromHistory(tracker, event.state);
      if (event.kind === 'phase-started') {
        const { phase, state } = event;
        const upcoming = phase === 'analyze' || phase === 'optimize' ? state.iteration + 1 : state.iteration;
        tracker.start(
          phase,
          ITERATION_PHASES.has(phase)
            ? `iteration ${Math.min(upcoming, maxIterations)} of ${maxIterations}`
            : undefined,
        );
        edit();
      }
      if (event.kind === 'phase-finished') {
        const entry = tracker.phases.find((phase) => phase.name === event.phase);
        if (entry) {
          entry.state = stateAfter(event.transition.stop?.kind);
          entry.endedAt = now();
          entry.detail = event.transition.outcome;
        }
      }
    },
    async fail(error, cancelled = false) {
      tracker.end(cancelled ? 'cancelled' : 'failed');
      await final({
        outcome: cancelled
          ? { type: 'cancelled' }
          : {
              type: 'failed',
              failure: error instanceof NoAgentsConfiguredError ? error.failure : describeRunFailure(error),
            },
      });
    },
    async headMoved(current) {
      tracker.end('cancelled');
      await final({ outcome: { type: 'head-moved', pinned: data.headSha, current } });
    },
    async interrupted() {
      await final({
        note: '⏸️ Perfbot is restarting. This run continues from the phase in progress when it is back.',
      }).catch(() => undefined);
    },
    async waiting(detail) {
      tracker.detail(detail);
      await final({}).catch(() => undefined);
    },
    async finish(state, finalReport) {
      tracker.start('complete');
      tracker.complete();
      if (state.stop !== undefined) {
        const stopped = tracker.phases.find((phase) => phase.name === state.stop?.phase);
        if (stopped) stopped.state = stateAfter(state.stop.kind);
      }
      await final(finalReport === undefined ? {} : { finalReport });
    },
  };
  return self;
}

/** A stopped phase: failed or cancelled as such; a run that stopped at a limit or with nothing to do ran it fully. */
function stateAfter(kind: NonNullable<PipelineState['stop']>['kind'] | undefined): RunPhaseState {
  if (kind === 'failed' || kind === 'ci-timeout') return 'failed';
  if (kind === 'cancelled') return 'cancelled';
  return 'done';
}

/** A resumed run shows its finished phases as done, with the times the checkpoint recorded. */
function restoreFromHistory(tracker: PhaseTracker, state: PipelineState): void {
  for (const entry of state.history) {
    const phase = tracker.phases.find((candidate) => candidate.name === entry.phase);
    if (phase === undefined) continue;
    phase.state = 'done';
    phase.startedAt ??= Date.parse(entry.startedAt);
    phase.endedAt = Date.parse(entry.endedAt);
    phase.detail = entry.outcome;
  }
}
