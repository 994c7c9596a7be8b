import { benchSettingsFromConfig } from '../benchmark/bench-settings-from-config.ts';
import { buildChildEnv } from '../benchmark/runner/build-child-env.ts';
import { calibrateCommit, CALIBRATION_PAIRS } from '../calibration/calibrate-commit.ts';
import type { Calibration } from '../benchmark/noise-calibration.ts';
import type { CalibrationStore } from '../calibration/calibration-store.ts';
import type { MachineFingerprint } from '../calibration/machine-fingerprint.ts';
import { BenchCancelledError } from '../domain/errors.ts';
import { createRedactor } from '../domain/redact.ts';
import type { GitHubClient, RepoRef } from '../github/github-client.ts';
import type { TokenIssuer } from '../github/token-issuer.ts';
import { readRepoConfig } from '../intake/read-repo-config.ts';
import type { RunJobData } from '../queue/run-job-data.ts';
import { SHUTDOWN_REASON } from '../queue/run-with-job-policy.ts';
import { codeSpan } from '../reports/markdown.ts';
import { renderCalibrationReport } from '../reports/render-calibration-report.ts';
import { renderFailure } from '../reports/render-failure.ts';
import { describeRunFailure } from '../reports/run-failure.ts';
import type { RunUntrusted } from '../sandbox/sandbox.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { reauthorize } from './reauthorize.ts';

export interface CalibrateRunDeps {
  githubFor: (installationId: number, repoId: number) => Promise<GitHubClient>;
  tokens: TokenIssuer;
  createWorkspace: (cloneUrl: string, credentials: () => Promise<{ username: string; password: string }>) => Workspace;
  calibrations: CalibrationStore;
  /** This worker's machine: the calibration is stored under it. */
  fingerprint: MachineFingerprint;
  runProcess: RunUntrusted;
  isolation?: string;
  processEnv: NodeJS.ProcessEnv;
  now: () => number;
  seed: () => number;
  reportPhase?: (phase: string, detail?: string) => void;
  attempt?: number;
}

/**
 * Runs one `/perf calibrate` job: re-authorizes, reads perf.yml from the default branch, runs the pinned default
 * branch commit against itself on this worker, stores each benchmark's noise under (repository, this machine's
 * fingerprint) and answers with the table in one comment, edited in place (marker `run-<job id>`, so a retry or an
 * abandoned run's notice lands in the same comment). No check run: nothing about the pull request is judged.
 */
export async function processCalibrateRun(
  jobId: string,
  data: RunJobData,
  signal: AbortSignal,
  deps: CalibrateRunDeps,
): Promise<Calibration> {
  const github = await deps.githubFor(data.installationId, data.repo.id);
  const repo: RepoRef = { owner: data.repo.owner, name: data.repo.name };
  const issuedTokens: string[] = [];
  const redact = (text: string) => createRedactor(issuedTokens)(text);
  const label = codeSpan(`${data.repo.defaultBranch}@${data.headSha.slice(0, 7)}`);
  const comment = (body: string) =>
    github.upsertComment(
      repo,
      data.target.number,
      `run-${jobId}`,
      `${body}\n\n<sub>Perfbot run ${codeSpan(jobId)}</sub>`,
    );
  const fail = async (error: unknown) => {
    const failure = describeRunFailure(error);
    if (failure.outputTail) failure.outputTail = redact(failure.outputTail);
    await comment(`### Noise calibration of ${label}\n\n${renderFailure(failure)}`);
  };
  try {
    const config = await readRepoConfig(github, repo);
    await reauthorize(github, repo, data, config.triggers.minPermission);
    deps.reportPhase?.('measure', `A/A run of ${CALIBRATION_PAIRS} pairs`);
    await comment(
      `### Noise calibration of ${label}\n\n⏳ Running ${label} against itself, ${CALIBRATION_PAIRS} interleaved pairs on this worker, @${data.actor.login}…`,
    );
    const settings = benchSettingsFromConfig(config);
    const { cloneUrl } = await github.getRepository(repo);
    const workspace = deps.createWorkspace(cloneUrl, async () => {
      const issued = await deps.tokens.issue({
        installationId: data.installationId,
        repositoryIds: [data.repo.id],
        permissions: { contents: 'read' },
      });
      issuedTokens.push(issued.token);
      return { username: 'x-access-token', password: issued.token };
    });
    await workspace.fetchRefs([data.repo.defaultBranch]);
    const sha = await workspace.resolveRef(data.headSha);
    const { calibration } = await calibrateCommit(
      {
        workspace,
        task: `run-${jobId}-a${deps.attempt ?? 1}`.replace(/[^A-Za-z0-9_-]/g, '-'),
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
    if (signal.aborted && signal.reason === SHUTDOWN_REASON) throw error;
    if (error instanceof BenchCancelledError || signal.aborted)
      await comment(`### Noise calibration of ${label}\n\n🚫 Cancelled; nothing was stored.`);
    else await fail(error);
    throw error;
  }
}
