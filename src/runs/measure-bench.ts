import { benchSettingsFromConfig } from '../benchmark/bench-settings-from-config.ts';
import type { BenchProgress } from '../benchmark/bench-progress.ts';
import type { BenchReport } from '../benchmark/bench-report.ts';
import { compareRefs } from '../benchmark/compare-refs.ts';
import { buildChildEnv } from '../benchmark/runner/build-child-env.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import type { PullRequestInfo } from '../github/github-client.ts';
import { calibrateFirstBench } from './calibrate-first-bench.ts';
import type { OpenedRun } from './open-run.ts';
import type { BenchRunDeps } from './run-deps.ts';
import type { StatusComment } from './status-comment.ts';

/**
 * The measuring part of `/perf bench`: checks out base (the merge base with the PR's base branch, or `--vs`)
 * and the pinned head, calibrates this machine first when it never has for the repository, and compares the
 * two — moving the status checklist through setup and measure as the engine reports.
 */
export async function measureBench(
  run: OpenedRun,
  pull: PullRequestInfo,
  config: RepoConfig,
  status: StatusComment,
  signal: AbortSignal,
  deps: BenchRunDeps,
): Promise<BenchReport> {
  const { data } = run;
  const settings = benchSettingsFromConfig(config, { runs: data.runs, planByTime: true });
  if (data.filter) settings.filter = data.filter;
  const { cloneUrl } = await run.github.getRepository(run.repo);
  const workspace = deps.createWorkspace(cloneUrl, run.credentials({ contents: 'read' }));
  const baseRef = data.vs ?? pull.baseRef;
  await workspace.fetchRefs([`refs/pull/${pull.number}/head`, baseRef]);
  const headSha = await workspace.resolveRef(data.headSha);
  const baseTip = await workspace.resolveRef(baseRef);
  const baseSha = data.vs ? baseTip : await workspace.mergeBase(baseTip, headSha);

  const task = `${run.task}-a${run.attempt}`;
  const onProgress = (event: BenchProgress, calibrating = false) => {
    const before = status.tracker.running()?.name;
    const what = calibrating ? 'calibrating this machine (A/A), ' : '';
    if (event.phase === 'setup') status.tracker.start('setup', `${what}on ${event.side}`);
    if (event.phase === 'warmup') status.tracker.start('measure', `${what}warm-up ${event.run} of ${event.of}`);
    if (event.phase === 'measure')
      status.tracker.start('measure', `${what}pair ${event.pair} of at most ${event.maxPairs}`);
    // A new phase is shown at once; progress within a phase at most every progressEveryMs.
    if (status.tracker.running()?.name !== before) status.show();
    else status.progress();
  };
  const env = buildChildEnv(deps.processEnv, {});
  const session = { runProcess: deps.runProcess, isolation: deps.isolation, now: deps.now, redact: run.redact };
  // Best effort: without its calibration (Redis unreadable: undefined) the run is planned by time alone.
  let calibration = await deps.calibrations.get(data.repo.fullName, deps.fingerprint.id).catch(() => undefined);
  if (calibration === null) {
    const first = await calibrateFirstBench(
      {
        workspace,
        task: `${task}-cal`,
        repo: data.repo.fullName,
        side: { ref: baseRef, sha: baseSha },
        settings,
        env,
        seed: deps.seed(),
        signal,
        store: deps.calibrations,
        fingerprint: deps.fingerprint,
        now: () => new Date(deps.now()),
      },
      { ...session, onProgress: (event) => onProgress(event, true) },
    );
    calibration = first.calibration;
    settings.timeBudgetMs = Math.max(1, settings.timeBudgetMs - first.spentMs);
  }
  return compareRefs(
    {
      workspace,
      task,
      base: { ref: baseRef, sha: baseSha },
      head: { ref: `#${pull.number}`, sha: headSha },
      settings,
      env,
      seed: deps.seed(),
      signal,
      ...(calibration ? { calibration } : {}),
    },
    { ...session, onProgress: (event) => onProgress(event) },
  );
}
