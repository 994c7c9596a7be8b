import path from 'node:path';
import { createAgent } from '../agents/create-agent.ts';
import type { OperatorConfig } from '../agents/operator-config.ts';
import { selectAgent } from '../agents/select-agent.ts';
import { buildChildEnv } from '../benchmark/runner/build-child-env.ts';
import type { RunUntrusted } from '../sandbox/sandbox.ts';
import { PERF_YML_PATH } from '../config/perf-yml-docs.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import { requireBenchmarkConfig } from '../config/require-benchmark-config.ts';
import { createRedactor } from '../domain/redact.ts';
import { SuspendRunError } from '../domain/suspend-run-error.ts';
import type { GitHubClient, RepoRef } from '../github/github-client.ts';
import type { TokenIssuer, TokenPermissions } from '../github/token-issuer.ts';
import { readRepoConfig } from '../intake/read-repo-config.ts';
import type { CheckpointStore } from '../optimize/checkpoint-store.ts';
import { createTaskWorktree } from '../optimize/create-task-worktree.ts';
import { createCredentialedTrustedRepo } from '../optimize/github/create-credentialed-trusted-repo.ts';
import { createGitHubPublisher } from '../optimize/github/create-github-publisher.ts';
import { createPatchCommentPublisher } from '../optimize/github/create-patch-comment-publisher.ts';
import { NoAgentsConfiguredError } from '../optimize/github/no-agents-configured-error.ts';
import { createPollingCiMonitor } from '../optimize/github/create-polling-ci-monitor.ts';
import { describePublishTarget } from '../optimize/github/describe-publish-target.ts';
import { createOptimizeStatus } from '../optimize/github/optimize-status.ts';
import { reauthorize } from './reauthorize.ts';
import { createReviewReporting, REVIEW_CHECK_NAME } from '../optimize/github/review-reporting.ts';
import { splitRunSignal } from '../optimize/github/split-run-signal.ts';
import { withGitHubReporting } from '../optimize/github/with-github-reporting.ts';
import { FINAL_REPORT } from '../optimize/phase-handlers/complete-phase.ts';
import { PHASE_HANDLERS } from '../optimize/phase-handlers/phase-handlers.ts';
import { createRunFiles, type RunFileStore } from '../optimize/run-files.ts';
import { runPipeline } from '../optimize/run-pipeline.ts';
import { initialPipelineState } from '../pipeline/initial-pipeline-state.ts';
import { terminalState, type PipelineState } from '../pipeline/pipeline-state.ts';
import { resolveTargets } from '../pipeline/resolve-targets.ts';
import { isUserError } from '../queue/is-user-error.ts';
import type { RunJobData } from '../queue/run-job-data.ts';
import type { Workspace } from '../workspace/workspace.ts';

export interface OptimizeRunDeps {
  /** `extra` widens the reporting token (see `createGitHubFactory`): opening the pull request needs pull_requests write. */
  githubFor: (installationId: number, repoId: number, extra?: TokenPermissions) => Promise<GitHubClient>;
  tokens: TokenIssuer;
  /** A workspace for the repository whose git credentials come from `credentials` (fresh token per fetch). */
  createWorkspace: (cloneUrl: string, credentials: () => Promise<{ username: string; password: string }>) => Workspace;
  /** Checkpoints by run id (`createRedisCheckpointStore`); the run id is the job id, so a requeued job resumes. */
  checkpoints: CheckpointStore;
  /** The operator's agents (PERFBOT_CONFIG); undefined when none are configured. */
  operatorConfig: OperatorConfig | undefined;
  /** Where each run keeps its durable files (`<runsDir>/<task>`: artifacts, patches, trusted repository). */
  runsDir: string;
  /**
   * Where the run files live when not only on this worker's disk (`createRedisRunFileStore`): given the run id and
   * its local folder. Removed once the run has ended for good. Default: the local folder alone.
   */
  runFileStore?: (runId: string, localDir: string) => RunFileStore & { remove(): Promise<void> };
  /** The sandbox's runner: benchmarks, tests and agents all go through it. */
  runProcess: RunUntrusted;
  /** The sandbox's sentence for the reports' "How we measured". */
  isolation?: string;
  /** The operator's environment: agents get their listed keys from it, benchmarks an allow-listed part. */
  processEnv: NodeJS.ProcessEnv;
  now: () => number;
  seed: () => number;
  /** Least time between two progress edits of the status comment (phase changes are shown at once). */
  progressEveryMs?: number;
  /** Longest time between two looks at CI while the job is parked (default 30 s; tests pass a short one). */
  ciPollIntervalMs?: number;
  ciNoChecksGraceMs?: number;
  /** Wall-clock budget of one invocation, in minutes. */
  budgetMinutes?: number;
  warn?: (message: string, details: Record<string, unknown>) => void;
  /** Publishes the current phase for `/perf status` (the job's progress). */
  reportPhase?: (phase: string, detail?: string) => void;
  /** Domain of the requester's no-reply address: `users.noreply.github.com`, or `users.noreply.<GHE_HOST>`. */
  noreplyDomain?: string;
}

/** How one activation of the job ended. A run waiting for CI throws `SuspendRunError` instead (checkpoint saved). */
export type OptimizeRunOutcome =
  | { type: 'completed' | 'stopped'; state: PipelineState }
  /** Shut down mid-run: the checkpoint is kept and the requeued job resumes it. */
  | { type: 'interrupted'; phase: string }
  | { type: 'head-moved'; current: string };

const MAX_CI_ROUNDS = 2;
const TEST_TIMEOUT_MS = 20 * 60_000;
const IDENTITY = { name: 'Perfbot', email: 'perfbot@users.noreply.github.com' };

/**
 * Runs one `/perf optimize` job: re-authorizes the requester, refuses if the PR's head moved before the run
 * started, reads perf.yml from the default branch, then runs the optimize pipeline (checkpointed, so a requeued
 * job resumes at the phase in progress) with GitHub delivery: `perf/<task>` pushed with a just-minted write
 * token and a pull request opened against the PR's head branch (the default branch for an issue) — for a PR
 * from a fork, unless `optimize.forkPullRequests: push`, nothing pushed and the patch posted as a comment — CI watched
 * one look per activation: while it is pending this throws `SuspendRunError` (status: waiting for CI) and the
 * worker parks the job until a `check_suite`/`check_run` webhook or the next poll. One status comment (`run-<jobId>`) shows the checklist and, at the end, the final report; the
 * review is its own comment (`review-<jobId>`) and the `perf/review` check run. Everything posted is redacted.
 */
export async function processOptimizeRun(
  jobId: string,
  data: RunJobData,
  signal: AbortSignal,
  deps: OptimizeRunDeps,
): Promise<OptimizeRunOutcome> {
  const github = await deps.githubFor(data.installationId, data.repo.id);
  const repo: RepoRef = { owner: data.repo.owner, name: data.repo.name };
  const issuedTokens: string[] = [];
  const redact = (text: string) => createRedactor(issuedTokens)(text);
  const status = createOptimizeStatus({
    github,
    repo,
    issue: data.target.number,
    jobId,
    data,
    now: deps.now,
    redact,
    ...pickStatusDeps(deps),
  });
  const { cancel, shutdown } = splitRunSignal(signal);
  const credentials = (permissions: TokenPermissions) => async () => {
    const issued = await deps.tokens.issue({
      installationId: data.installationId,
      repositoryIds: [data.repo.id],
      permissions,
    });
    issuedTokens.push(issued.token);
    return { username: 'x-access-token', password: issued.token };
  };
  const task = jobId.replace(/[^A-Za-z0-9_-]/g, '-');

  status.tracker.start('init');
  let config: RepoConfig;
  let operatorConfig: OperatorConfig;
  try {
    config = await readRepoConfig(github, repo);
    await reauthorize(github, repo, data, config.triggers.minPermission);
    operatorConfig = requireOperatorConfig(deps.operatorConfig);
    requireBenchmarkConfig(config, PERF_YML_PATH);
  } catch (error) {
    // Lost access, a broken perf.yml, or no agents: say so on the PR instead of failing silently.
    if (isUserError(error)) await status.fail(error);
    throw error;
  }
  const resumed = (await deps.checkpoints.load(task)) !== null;
  const pull = data.target.type === 'pull' ? await github.getPullRequest(repo, data.target.number) : undefined;
  if (pull !== undefined) status.baseLabel = pull.baseRef;
  // Only before the run starts: once it has, it is pinned to its starting commit (and pushToPrBranch moves the head).
  if (pull !== undefined && !resumed && pull.headSha !== data.headSha) {
    await status.headMoved(pull.headSha);
    return { type: 'head-moved', current: pull.headSha };
  }
  await status.post();

  let run: Awaited<ReturnType<typeof runPipeline>>;
  let ciTally: string | undefined;
  let store: (RunFileStore & { remove(): Promise<void> }) | undefined;
  // Once the run has ended for good nothing reads its shared files again (the PR, the comments and the local folder keep what was made).
  const forget = () =>
    store
      ?.remove()
      .catch((error: unknown) => deps.warn?.('could not remove the run files from Redis', { err: String(error) }));
  try {
    const selected = selectAgent(operatorConfig, config.optimize.agent);
    const { cloneUrl, defaultBranch } = await github.getRepository(repo);
    const workspace = deps.createWorkspace(cloneUrl, credentials({ contents: 'read' }));
    await workspace.fetchRefs([pull === undefined ? defaultBranch : `refs/pull/${pull.number}/head`]);
    const startSha = await workspace.resolveRef(data.headSha);
    const runDir = path.join(deps.runsDir, task);
    store = deps.runFileStore?.(task, runDir);
    const files = createRunFiles(runDir, store);
    const trusted = await createCredentialedTrustedRepo({
      gitDir: path.join(runDir, 'trusted.git'),
      cloneUrl,
      credentials: credentials({ contents: 'read' }),
    });
    const branch = `perf/${task}`;
    const worktree = createTaskWorktree({ workspace, task, sha: startSha, trusted, files });
    const target = describePublishTarget({
      data,
      pull,
      defaultBranch,
      pushToPrBranch: config.optimize.pushToPrBranch,
      statusUrl: status.url,
    });
    // A fork's commits pushed here would run in this repository's CI with its secrets: unless perf.yml opts in,
    // the change is posted on the PR as a patch and nothing is pushed (no write token is even minted).
    const publisher =
      pull?.isFork === true && config.optimize.forkPullRequests === 'comment'
        ? createPatchCommentPublisher({
            github,
            repo,
            pull,
            jobId,
            runId: task,
            saveArtifact: (name, text) => files.writeArtifact(name, text),
            redact,
          })
        : createGitHubPublisher({
            github: await deps.githubFor(data.installationId, data.repo.id, { pull_requests: 'write' }),
            repo,
            cloneUrl,
            pushCredentials: credentials({ contents: 'write' }),
            target,
            redact,
          });
    const handlers = withGitHubReporting(
      PHASE_HANDLERS,
      createReviewReporting({
        github,
        repo,
        issue: data.target.number,
        jobId,
        redact,
        warn: (message, details) => deps.warn?.(message, details),
      }),
    );
    run = await runPipeline({
      ctx: {
        runId: task,
        config,
        limits: {
          maxIterations: data.optimize?.maxIterations ?? config.optimize.maxIterations,
          maxReviewRounds: data.optimize?.maxIterations ?? config.optimize.maxIterations,
          maxCiRounds: MAX_CI_ROUNDS,
        },
        maxIterationsSource: data.optimize?.maxIterations === undefined ? 'perf.yml' : 'command',
        tradeoffOverrides: {
          ...(data.optimize?.maxRegression === undefined ? {} : { maxRegression: data.optimize.maxRegression }),
          ...(data.optimize?.maxMemory === undefined ? {} : { maxMemory: data.optimize.maxMemory }),
        },
        start: { ref: pull === undefined ? defaultBranch : `#${pull.number}`, sha: startSha },
        request: {
          repository: data.repo.fullName,
          subject:
            pull === undefined
              ? { kind: 'issue', number: data.target.number, title: `issue #${data.target.number}`, body: '' }
              : { kind: 'pull request', number: pull.number, title: pull.title, body: pull.body },
          ...(data.optimize?.focus === undefined ? {} : { focus: data.optimize.focus }),
        },
        agent: createAgent(selected.name, selected.config, { env: deps.processEnv, sandbox: deps.runProcess }),
        coAuthors: [
          ...(selected.config.coAuthor === undefined ? [] : [selected.config.coAuthor]),
          `${data.actor.login} <${data.actor.id}+${data.actor.login}@${deps.noreplyDomain ?? 'users.noreply.github.com'}>`,
        ],
        workspace,
        worktree,
        trusted,
        files,
        publisher,
        ciMonitor: createPollingCiMonitor({
          github,
          repo,
          ignore: ['perf', REVIEW_CHECK_NAME],
          now: deps.now,
          onPoll: ({ finished, total }) => (ciTally = `${finished} of ${total} checks finished`),
          ...(deps.ciPollIntervalMs === undefined ? {} : { intervalMs: deps.ciPollIntervalMs }),
          ...(deps.ciNoChecksGraceMs === undefined ? {} : { noChecksGraceMs: deps.ciNoChecksGraceMs }),
        }),
        commitIdentity: IDENTITY,
        runProcess: deps.runProcess,
        ...(deps.isolation === undefined ? {} : { isolation: deps.isolation }),
        childEnv: buildChildEnv(deps.processEnv, {}),
        seed: deps.seed(),
        testTimeoutMs: TEST_TIMEOUT_MS,
        now: () => new Date(deps.now()),
        monotonicMs: () => performance.now(),
      },
      store: deps.checkpoints,
      handlers,
      initialState: initialPipelineState({
        runId: task,
        branch,
        targets: resolveTargets({
          configured: config.targets,
          ...(data.optimize?.target === undefined ? {} : { commandTarget: data.optimize.target }),
        }),
        startedAt: new Date(deps.now()).toISOString(),
      }),
      cancelSignal: cancel,
      shutdownSignal: shutdown,
      ...(deps.budgetMinutes === undefined ? {} : { deadline: Date.now() + deps.budgetMinutes * 60_000 }),
      onProgress: (event) => status.onPipeline(event, data.optimize?.maxIterations ?? config.optimize.maxIterations),
    });
    if (run.interrupted) {
      await status.interrupted();
      return { type: 'interrupted', phase: run.state.phase };
    }
    // The run is over (the branch, the run files and the checkpoint keep everything): free the disk.
    await worktree
      .remove()
      .catch((error: unknown) => deps.warn?.('could not remove the run worktree', { err: String(error) }));
    const finalReport = (await files.readArtifact(FINAL_REPORT)) ?? undefined;
    await status.finish(run.state, finalReport);
    await forget();
  } catch (error) {
    // A shutdown is not a failure: the requeued job resumes from the checkpoint.
    if (shutdown.aborted) throw error;
    // Nor is waiting for CI: the parked job resumes MONITOR from the checkpoint.
    if (error instanceof SuspendRunError && !cancel.aborted) {
      await status.waiting(`waiting for CI${ciTally === undefined ? '' : ` (${ciTally})`}`);
      throw error;
    }
    await status.fail(error, cancel.aborted);
    // A cancel or a user error ends the run; anything else is retried, and the retry needs the files.
    if (cancel.aborted || isUserError(error)) await forget();
    throw error;
  }
  const ended = terminalState(run.state) === 'completed' ? 'completed' : 'stopped';
  return { type: ended, state: run.state };
}

function requireOperatorConfig(config: OperatorConfig | undefined): OperatorConfig {
  if (config === undefined || Object.keys(config.agents).length === 0) {
    throw new NoAgentsConfiguredError();
  }
  return config;
}

function pickStatusDeps(deps: OptimizeRunDeps) {
  return {
    ...(deps.progressEveryMs === undefined ? {} : { progressEveryMs: deps.progressEveryMs }),
    ...(deps.reportPhase === undefined ? {} : { reportPhase: deps.reportPhase }),
  };
}
