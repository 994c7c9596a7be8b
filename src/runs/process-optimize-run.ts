import type { OperatorConfig } from '../agents/operator-config.ts';
import { PERF_YML_PATH } from '../config/perf-yml-docs.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import { requireBenchmarkConfig } from '../config/require-benchmark-config.ts';
import { isRetryable, NoAgentsConfiguredError, SuspendRunError } from '../domain/errors.ts';
import { FINAL_REPORT } from '../optimize/phase-handlers/complete-phase.ts';
import type { RunFileStore } from '../optimize/run-files.ts';
import { runPipeline } from '../optimize/run-pipeline.ts';
import { terminalState, type PipelineState } from '../pipeline/pipeline-state.ts';
import { openRun } from './open-run.ts';
import type { OptimizeRunDeps, RunJob } from './run-deps.ts';
import { setUpOptimizeRun } from './set-up-optimize-run.ts';
import { splitRunSignal } from './split-run-signal.ts';
import { completePipeline, trackPipeline } from './track-pipeline.ts';

/** How one activation of the job ended. A run waiting for CI throws `SuspendRunError` instead (checkpoint saved). */
export type OptimizeRunOutcome =
  | { type: 'completed' | 'stopped'; state: PipelineState }
  /** Shut down mid-run: the checkpoint is kept and the requeued job resumes it. */
  | { type: 'interrupted'; phase: string }
  | { type: 'head-moved'; current: string };

/**
 * Runs one `/perf optimize` job: re-authorizes the requester, reads perf.yml from the default branch, refuses if
 * the PR's head moved before the run started, then runs the optimize pipeline (checkpointed, so a requeued job
 * resumes at the phase in progress) with GitHub delivery (see `setUpOptimizeRun`). CI is watched one look per
 * activation: while it is pending this throws `SuspendRunError` (status: waiting for CI) and the worker parks
 * the job until a `check_suite`/`check_run` webhook or the next poll. One status comment (`run-<jobId>`) shows
 * the checklist and, at the end, the final report; the review is its own comment (`review-<jobId>`) and the
 * `perf/review` check run. Everything posted is redacted.
 */
export async function processOptimizeRun(
  job: RunJob,
  signal: AbortSignal,
  deps: OptimizeRunDeps,
): Promise<OptimizeRunOutcome> {
  const run = await openRun(job, deps);
  const status = run.statusComment('optimize');
  const { cancel, shutdown } = splitRunSignal(signal);
  status.tracker.start('init');
  // Lost access, a broken perf.yml, or no agents: said on the PR instead of failing silently.
  const { config, checked: operatorConfig } = await run.authorize({
    onUserError: (error) => status.fail(error),
    check: (config) => requireOptimizable(config, deps.operatorConfig),
  });
  let ciTally: string | undefined;
  let store: (RunFileStore & { remove(): Promise<void> }) | undefined;
  // Once the run has ended for good nothing reads its shared files again (the PR, the comments and the local folder keep what was made).
  const forget = () =>
    store
      ?.remove()
      .catch((error: unknown) => run.warn('could not remove the run files from Redis', { err: String(error) }));
  let state: PipelineState;
  try {
    // A corrupt checkpoint fails here, inside the try, so the status comment says so.
    const resumed = (await deps.checkpoints.load(run.task)) !== null;
    // Only before the run starts: once it has, it is pinned to its starting commit (and pushToPrBranch moves the head).
    const { pull, moved } = await run.checkHead(status, resumed);
    if (moved !== undefined) return { type: 'head-moved', current: moved };
    await status.post();
    const { ctx, handlers, initialState } = await setUpOptimizeRun(
      run,
      {
        config,
        operatorConfig,
        pull,
        status,
        openStore: (runDir) => (store = deps.runFileStore?.(run.task, runDir)),
        onCiPoll: (tally) => (ciTally = tally),
      },
      deps,
    );
    const maxIterations = run.data.optimize?.maxIterations ?? config.optimize.maxIterations;
    const pipeline = await runPipeline({
      ctx,
      store: deps.checkpoints,
      handlers,
      initialState,
      cancelSignal: cancel,
      shutdownSignal: shutdown,
      ...(deps.budgetMinutes === undefined ? {} : { deadline: Date.now() + deps.budgetMinutes * 60_000 }),
      onProgress: (event) => trackPipeline(status, event, maxIterations, deps.now()),
    });
    if (pipeline.interrupted) {
      const note = '⏸️ Perfbot is restarting. This run continues from the phase in progress when it is back.';
      await status.end({ note }).catch(() => undefined);
      return { type: 'interrupted', phase: pipeline.state.phase };
    }
    // The run is over (the branch, the run files and the checkpoint keep everything): free the disk.
    await ctx.worktree
      .remove()
      .catch((error: unknown) => run.warn('could not remove the run worktree', { err: String(error) }));
    const finalReport = (await ctx.files.readArtifact(FINAL_REPORT)) ?? undefined;
    completePipeline(status, pipeline.state);
    await status.end(finalReport === undefined ? {} : { finalReport });
    await forget();
    state = pipeline.state;
  } catch (error) {
    // A shutdown is not a failure: the requeued job resumes from the checkpoint.
    if (shutdown.aborted) throw error;
    // Nor is waiting for CI: the parked job resumes MONITOR from the checkpoint.
    if (error instanceof SuspendRunError && !cancel.aborted) {
      status.tracker.detail(`waiting for CI${ciTally === undefined ? '' : ` (${ciTally})`}`);
      await status.end({}).catch(() => undefined);
      throw error;
    }
    await (cancel.aborted ? status.cancelled() : status.fail(error));
    // A cancel or an error no retry can fix ends the run; anything else is retried, and the retry needs the files.
    if (cancel.aborted || !isRetryable(error)) await forget();
    throw error;
  }
  return { type: terminalState(state) === 'completed' ? 'completed' : 'stopped', state };
}

/** What `/perf optimize` needs beyond bench: agents configured by the operator, a benchmark in perf.yml. */
function requireOptimizable(config: RepoConfig, operatorConfig: OperatorConfig | undefined): OperatorConfig {
  if (operatorConfig === undefined || Object.keys(operatorConfig.agents).length === 0)
    throw new NoAgentsConfiguredError();
  requireBenchmarkConfig(config, PERF_YML_PATH);
  return operatorConfig;
}
