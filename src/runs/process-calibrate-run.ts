import { benchSettingsFromConfig } from '../benchmark/bench-settings-from-config.ts';
import { buildChildEnv } from '../benchmark/runner/build-child-env.ts';
import { calibrateCommit, CALIBRATION_PAIRS } from '../calibration/calibrate-commit.ts';
import type { Calibration } from '../benchmark/noise-calibration.ts';
import { isShutdown } from '../domain/cancel-reason.ts';
import { BenchCancelledError } from '../domain/errors.ts';
import { codeSpan } from '../reports/markdown.ts';
import { renderCalibrationReport } from '../reports/calibration-report/render-calibration-report.ts';
import { renderFailure } from '../reports/failure/render-failure.ts';
import { describeRunFailure } from '../reports/failure/describe-run-failure.ts';
import { openRun } from './open-run.ts';
import type { BenchRunDeps, RunJob } from './run-deps.ts';
import { statusCommentMarker } from '../reports/status-comment/render-status-comment.ts';

/**
 * Runs one `/perf calibrate` job: re-authorizes, reads perf.yml from the default branch, runs the pinned default
 * branch commit against itself on this worker, stores each benchmark's noise under (repository, this machine's
 * fingerprint) and answers with the table in one comment, edited in place (marker `run-<job id>`, so a retry or an
 * abandoned run's notice lands in the same comment). No check run: nothing about the pull request is judged.
 */
export async function processCalibrateRun(job: RunJob, signal: AbortSignal, deps: BenchRunDeps): Promise<Calibration> {
  const run = await openRun(job, deps);
  const { github, repo, data, jobId, redact } = run;
  const label = codeSpan(`${data.repo.defaultBranch}@${data.headSha.slice(0, 7)}`);
  const comment = (body: string) =>
    github.upsertComment(
      repo,
      data.target.number,
      statusCommentMarker(jobId),
      `${body}\n\n<sub>Perfbot run ${codeSpan(jobId)}</sub>`,
    );
  const fail = async (error: unknown) => {
    const failure = describeRunFailure(error);
    if (failure.outputTail) failure.outputTail = redact(failure.outputTail);
    await comment(`### Noise calibration of ${label}\n\n${renderFailure(failure)}`);
  };
  try {
    // Every failure, a user error or not, is answered below in the run's one comment.
    const { config } = await run.authorize();
    run.reportPhase('measure', `A/A run of ${CALIBRATION_PAIRS} pairs`);
    await comment(
      `### Noise calibration of ${label}\n\n⏳ Running ${label} against itself, ${CALIBRATION_PAIRS} interleaved pairs on this worker, @${data.actor.login}…`,
    );
    const settings = benchSettingsFromConfig(config);
    const { cloneUrl } = await github.getRepository(repo);
    const workspace = deps.createWorkspace(cloneUrl, run.credentials({ contents: 'read' }));
    await workspace.fetchRefs([data.repo.defaultBranch]);
    const sha = await workspace.resolveRef(data.headSha);
    const { calibration } = await calibrateCommit(
      {
        workspace,
        task: `${run.task}-a${run.attempt}`,
        repo: data.repo.fullName,
        side: { ref: data.repo.defaultBranch, sha },
        settings,
        env: buildChildEnv(deps.processEnv, {}),
        seed: deps.seed(),
        signal,
        fingerprint: deps.fingerprint,
        now: () => new Date(deps.now()),
      },
      { runProcess: deps.runProcess, isolation: deps.isolation, now: deps.now, redact },
    );
    await deps.calibrations.save(calibration);
    const kept = "Kept for this repository and this worker's machine for 30 days.";
    await comment(
      renderCalibrationReport(calibration, {
        noiseBand: settings.noiseBand,
        alpha: 1 - settings.confidence,
        ref: data.repo.defaultBranch,
        kept,
      }),
    );
    return calibration;
  } catch (error) {
    // Shutting down: the job goes back to the queue and its next attempt answers in this same comment.
    if (isShutdown(signal)) throw error;
    if (error instanceof BenchCancelledError || signal.aborted)
      await comment(`### Noise calibration of ${label}\n\n🚫 Cancelled; nothing was stored.`);
    else await fail(error);
    throw error;
  }
}
