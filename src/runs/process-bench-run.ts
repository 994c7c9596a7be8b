import { benchSettingsFromConfig } from '../benchmark/bench-settings-from-config.ts';
import type { BenchReport } from '../benchmark/bench-report.ts';
import { compareRefs } from '../benchmark/compare-refs.ts';
import { BenchCancelledError } from '../domain/errors.ts';
import { buildChildEnv } from '../benchmark/runner/build-child-env.ts';
import type { RunUntrusted } from '../sandbox/sandbox.ts';
import { createRedactor } from '../domain/redact.ts';
import type { GitHubClient, RepoRef } from '../github/github-client.ts';
import type { TokenIssuer } from '../github/token-issuer.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import { readRepoConfig } from '../intake/read-repo-config.ts';
import { isUserError } from '../queue/is-user-error.ts';
import { SHUTDOWN_REASON } from '../queue/run-with-job-policy.ts';
import type { RunJobData } from '../queue/run-job-data.ts';
import { renderCheckRunOutput } from '../reports/render-check-run-output.ts';
import { renderStatusComment, type StatusCommentInput, type StatusOutcome } from '../reports/render-status-comment.ts';
import type { AckNote } from '../reports/render-acknowledgement.ts';
import type { AckStore } from '../acks/ack-store.ts';
import { waivedRows } from '../acks/waived-rows.ts';
import { describeRunFailure } from '../reports/run-failure.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { CalibrationStore } from '../calibration/calibration-store.ts';
import type { BenchProgress } from '../benchmark/bench-progress.ts';
import { calibrateFirstBench } from './calibrate-first-bench.ts';
import type { MachineFingerprint } from '../calibration/machine-fingerprint.ts';
import { PhaseTracker } from './phase-tracker.ts';
import { reauthorize } from './reauthorize.ts';
import type { StatusCommentStore } from './status-comment-store.ts';

export interface BenchRunDeps {
  githubFor: (installationId: number, repoId: number) => Promise<GitHubClient>;
  tokens: TokenIssuer;
  /** A workspace for the repository whose git credentials come from `credentials` (fresh token per fetch). */
  createWorkspace: (cloneUrl: string, credentials: () => Promise<{ username: string; password: string }>) => Workspace;
  statusComments: StatusCommentStore;
  /** The sandbox's runner: every benchmark and setup process goes through it. */
  runProcess: RunUntrusted;
  /** The sandbox's sentence for the report's "How we measured". */
  isolation?: string;
  /** Environment the benchmark processes start from (allow-listed again before use). */
  processEnv: NodeJS.ProcessEnv;
  now: () => number;
  seed: () => number;
  /** Least time between two edits of the status comment while measuring. */
  progressEveryMs?: number;
  /** Logs a problem that does not fail the run. */
  warn?: (message: string, details: Record<string, unknown>) => void;
  /** Where a gate failure is left for `/perf ack`, and earlier acks are read for the report; best effort. */
  acks?: AckStore;
  /** This repository's calibrations, and this worker's machine: a calibration of this machine plans the pairs. */
  calibrations?: CalibrationStore;
  fingerprint?: MachineFingerprint;
  /** Publishes the current phase for `/perf status` (the job's progress). */
  reportPhase?: (phase: string, detail?: string) => void;
  /**
   * Which attempt of the job this is (BullMQ's `attemptsStarted`). Part of the worktree names, so a retry never
   * checks out where an earlier attempt's processes (a frozen worker's) may still be; start-up prune removes those.
   */
  attempt?: number;
}

export type BenchRunOutcome = { type: 'report'; regression: boolean } | { type: 'head-moved'; current: string };

const CHECK_NAME = 'perf';

/**
 * Runs one `/perf bench` job: re-authorizes the requester, refuses if the PR's head moved since the command was
 * accepted, reads perf.yml from the default branch, then checks out base and head and compares them — while
 * keeping one status comment and the `perf` check run up to date. Every write is idempotent (marker-keyed
 * comment, check run found by external id), so a retried job never duplicates anything.
 */
export async function processBenchRun(
  jobId: string,
  data: RunJobData,
  signal: AbortSignal,
  deps: BenchRunDeps,
): Promise<BenchRunOutcome> {
  const github = await deps.githubFor(data.installationId, data.repo.id);
  const repo: RepoRef = { owner: data.repo.owner, name: data.repo.name };
  const pr = data.target.number;
  const tracker = new PhaseTracker('bench', deps.now);
  const issuedTokens: string[] = [];
  const redact = (text: string) => createRedactor(issuedTokens)(text);
  let commentId: number | undefined;
  let checkRunId: number | undefined;
  let lastEdit = 0;
  let baseLabel = data.repo.defaultBranch;
  // At most one progress edit in flight (one more is remembered); the outcome's edit waits for them, so a late
  // progress edit can never overwrite the outcome.
  let progressEdit: Promise<unknown> | undefined;
  let editAgain = false;
  let ended = false;

  let lastStatus: StatusCommentInput | undefined;
  const postStatus = async (outcome?: StatusOutcome, previousAcknowledgement?: AckNote) => {
    if (outcome !== undefined) {
      ended = true;
      while (progressEdit) await progressEdit;
    }
    const running = tracker.phases.find((p) => p.state === 'running');
    if (running) deps.reportPhase?.(running.name, running.detail);
    lastStatus = {
      kind: 'bench',
      phases: tracker.phases,
      now: deps.now(),
      headSha: data.headSha,
      baseLabel: data.vs ?? baseLabel,
      actor: data.actor.login,
      runId: jobId,
      outcome,
      ...(previousAcknowledgement === undefined ? {} : { previousAcknowledgement }),
    };
    const body = renderStatusComment(lastStatus);
    const posted = await github.upsertComment(repo, pr, `run-${jobId}`, body, commentId);
    commentId = posted.id;
    lastEdit = deps.now();
    return posted;
  };

  const editProgress = (): void => {
    if (ended) return;
    if (progressEdit) {
      editAgain = true;
      return;
    }
    progressEdit = postStatus()
      .catch(() => undefined)
      .finally(() => {
        progressEdit = undefined;
        if (editAgain) {
          editAgain = false;
          editProgress();
        }
      });
  };

  tracker.start('queued');
  tracker.start('checkout');
  let config: RepoConfig;
  try {
    config = await readRepoConfig(github, repo);
    await reauthorize(github, repo, data, config.triggers.minPermission);
  } catch (error) {
    // The requester lost access, or perf.yml broke, while the run was queued: say so instead of failing silently.
    if (isUserError(error)) {
      tracker.end('failed');
      await postStatus({ type: 'failed', failure: describeRunFailure(error) });
    }
    throw error;
  }
  const pull = await github.getPullRequest(repo, pr);
  baseLabel = pull.baseRef;
  if (pull.headSha !== data.headSha) {
    tracker.end('cancelled');
    await postStatus({ type: 'head-moved', pinned: data.headSha, current: pull.headSha });
    return { type: 'head-moved', current: pull.headSha };
  }
  const posted = await postStatus();
  checkRunId = await findOrCreateCheckRun(github, repo, data.headSha, jobId);

  let report: BenchReport;
  try {
    const settings = benchSettingsFromConfig(config, { runs: data.runs, planByTime: true });
    if (data.filter) settings.filter = data.filter;
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
    const baseRef = data.vs ?? pull.baseRef;
    await workspace.fetchRefs([`refs/pull/${pr}/head`, baseRef]);
    const headSha = await workspace.resolveRef(data.headSha);
    const baseTip = await workspace.resolveRef(baseRef);
    const baseSha = data.vs ? baseTip : await workspace.mergeBase(baseTip, headSha);

    const task = `run-${jobId}-a${deps.attempt ?? 1}`.replace(/[^A-Za-z0-9_-]/g, '-');
    const onProgress = (event: BenchProgress, calibrating = false) => {
      const before = runningPhase(tracker);
      const what = calibrating ? 'calibrating this machine (A/A), ' : '';
      if (event.phase === 'setup') tracker.start('setup', `${what}on ${event.side}`);
      if (event.phase === 'warmup') tracker.start('measure', `${what}warm-up ${event.run} of ${event.of}`);
      if (event.phase === 'measure') tracker.start('measure', `${what}pair ${event.pair} of at most ${event.maxPairs}`);
      const running = tracker.phases.find((p) => p.state === 'running');
      if (running) deps.reportPhase?.(running.name, running.detail);
      // A new phase is shown at once; progress within a phase at most every progressEveryMs.
      if (running?.name !== before || deps.now() - lastEdit >= (deps.progressEveryMs ?? 15_000)) editProgress();
    };
    const env = buildChildEnv(deps.processEnv, {});
    const session = { runProcess: deps.runProcess, isolation: deps.isolation, now: deps.now, redact };
    // Best effort: without its calibration (Redis unreadable: undefined) the run is planned by time alone, as before.
    let calibration = deps.fingerprint
      ? await deps.calibrations?.get(data.repo.fullName, deps.fingerprint.id).catch(() => undefined)
      : undefined;
    if (calibration === null && deps.calibrations && deps.fingerprint) {
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
    report = await compareRefs(
      {
        workspace,
        task,
        base: { ref: baseRef, sha: baseSha },
        head: { ref: `#${pr}`, sha: headSha },
        settings,
        env,
        seed: deps.seed(),
        signal,
        ...(calibration ? { calibration } : {}),
      },
      { ...session, onProgress: (event) => onProgress(event) },
    );
  } catch (error) {
    // Perfbot is shutting down: the job goes back to the queue and its next attempt takes over this comment and
    // check run, so neither may say the run was cancelled.
    if (signal.aborted && signal.reason === SHUTDOWN_REASON) throw error;
    const cancelled = error instanceof BenchCancelledError || signal.aborted;
    tracker.end(cancelled ? 'cancelled' : 'failed');
    if (cancelled) {
      const by = reasonOf(signal);
      await postStatus({ type: 'cancelled', by });
      await github.updateCheckRun(repo, checkRunId, {
        status: 'completed',
        ...renderCheckRunOutput({ type: 'cancelled', by }),
      });
    } else {
      const failure = describeRunFailure(error);
      if (failure.outputTail) failure.outputTail = redact(failure.outputTail);
      await postStatus({ type: 'failed', failure });
      await github.updateCheckRun(repo, checkRunId, {
        status: 'completed',
        ...renderCheckRunOutput({ type: 'failed', failure }),
      });
    }
    void posted;
    throw error;
  }
  // Outside the try: a failure while reporting must not replace the report with a failure message.
  tracker.start('report');
  tracker.complete();
  const warnAck = (error: unknown) =>
    deps.warn?.('could not read or record /perf ack data', {
      err: error instanceof Error ? error.message : String(error),
    });
  // The latest ack on this pull request is mentioned under the verdict; it never carries over to this run.
  const previousAck = (await deps.acks?.listAcks(data.repo.id, pr).catch(warnAck))?.[0];
  const outcome = { type: 'report', report } as const;
  const final = await postStatus(outcome, previousAck);
  // Before the check run completes, so a /perf ack that sees it fail finds what to waive.
  if (report.regression && lastStatus) {
    const record = {
      jobId,
      headSha: data.headSha,
      checkRunId,
      commentId: final.id,
      waived: waivedRows(report),
      status: { ...lastStatus, outcome },
    };
    await deps.acks?.saveFailedRun(data.repo.id, pr, record).catch(warnAck);
  }
  await finish(github, repo, checkRunId, report);
  // Cosmetic, so best effort: failing here would fail the job and re-run a benchmark that already reported.
  await markPreviousOutdated(github, repo, deps.statusComments, data.repo.id, pr, {
    id: final.id,
    nodeId: final.nodeId,
    runId: jobId,
  }).catch((error: unknown) =>
    deps.warn?.('could not mark the previous status comment outdated', {
      err: error instanceof Error ? error.message : String(error),
    }),
  );
  return { type: 'report', regression: report.regression };
}

async function findOrCreateCheckRun(github: GitHubClient, repo: RepoRef, sha: string, jobId: string): Promise<number> {
  const existing = (await github.listCheckRunsForRef(repo, sha)).find(
    (run) => run.name === CHECK_NAME && run.externalId === jobId,
  );
  if (existing) return existing.id;
  const created = await github.createCheckRun(repo, {
    name: CHECK_NAME,
    headSha: sha,
    status: 'in_progress',
    externalId: jobId,
    output: { title: 'Benchmarking…', summary: 'Perfbot is comparing this commit with its base.' },
  });
  return created.id;
}

async function finish(github: GitHubClient, repo: RepoRef, checkRunId: number, report: BenchReport): Promise<void> {
  await github.updateCheckRun(repo, checkRunId, {
    status: 'completed',
    ...renderCheckRunOutput({ type: 'report', report }),
  });
}

async function markPreviousOutdated(
  github: GitHubClient,
  repo: RepoRef,
  store: StatusCommentStore,
  repoId: number,
  pr: number,
  latest: { id: number; nodeId: string; runId: string },
): Promise<void> {
  const previous = await store.getLatest(repoId, pr);
  await store.setLatest(repoId, pr, latest);
  if (previous && previous.id !== latest.id) await github.markCommentOutdated(repo, previous);
}

function runningPhase(tracker: PhaseTracker): string | undefined {
  return tracker.phases.find((p) => p.state === 'running')?.name;
}

/** Who cancelled, from the cancel reason intake gives (`by @login`); undefined for any other reason. */
function reasonOf(signal: AbortSignal): string | undefined {
  const reason: unknown = signal.reason;
  return typeof reason === 'string' ? /^by @([A-Za-z0-9-]+(?:\[bot\])?)$/.exec(reason)?.[1] : undefined;
}
