import path from 'node:path';
import type { OperatorConfig } from '../agents/operator-config.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import type { PullRequestInfo } from '../github/github-client.ts';
import { buildOptimizeContext } from '../optimize/build-optimize-context.ts';
import { createTaskWorktree } from '../optimize/create-task-worktree.ts';
import { createCredentialedTrustedRepo } from '../optimize/github/create-credentialed-trusted-repo.ts';
import { createGitHubPublisher } from '../optimize/github/create-github-publisher.ts';
import { createPatchCommentPublisher } from '../optimize/github/create-patch-comment-publisher.ts';
import { createPollingCiMonitor } from '../optimize/github/create-polling-ci-monitor.ts';
import { describePublishTarget } from '../optimize/github/describe-publish-target.ts';
import { createReviewReporting, REVIEW_CHECK_NAME } from '../optimize/github/review-reporting.ts';
import { withGitHubReporting } from '../optimize/github/with-github-reporting.ts';
import type { OptimizeContext } from '../optimize/optimize-context.ts';
import type { PhaseHandlers } from '../optimize/phase-handler.ts';
import { PHASE_HANDLERS } from '../optimize/phase-handlers/phase-handlers.ts';
import type { Publisher } from '../optimize/publisher.ts';
import { createRunFiles, type RunFileStore, type RunFiles } from '../optimize/run-files.ts';
import { initialPipelineState } from '../pipeline/initial-pipeline-state.ts';
import type { PipelineState } from '../pipeline/pipeline-state.ts';
import { resolveTargets } from '../pipeline/init/resolve-targets.ts';
import type { OpenedRun } from './open-run.ts';
import type { OptimizeRunDeps } from './run-deps.ts';
import type { StatusComment } from './status-comment.ts';

export interface OptimizeSetupInput {
  config: RepoConfig;
  operatorConfig: OperatorConfig;
  /** The PR the run was asked on; undefined for an issue (the run starts from the default branch). */
  pull: PullRequestInfo | undefined;
  status: StatusComment;
  /**
   * Opens the run files' shared store (given their local folder). The caller keeps it: a run that ends for good
   * removes it, even when the setup failed after opening it.
   */
  openStore: (runDir: string) => (RunFileStore & { remove(): Promise<void> }) | undefined;
  /** Each look at CI, as `2 of 3 checks finished`, for the status while the run waits. */
  onCiPoll: (tally: string) => void;
}

/** What the pipeline runs with. */
export interface OptimizeSetup {
  ctx: Omit<OptimizeContext, 'signal'>;
  handlers: PhaseHandlers;
  initialState: PipelineState;
}

/**
 * An optimize run's GitHub composition: the fetched start commit, the run files (local + shared store), the
 * trusted repository that builds its commits, where the change goes — a pushed branch and a pull request, or for
 * a fork's PR (unless perf.yml opts in) a patch posted as a comment — and the CI monitor.
 */
export async function setUpOptimizeRun(
  run: OpenedRun,
  input: OptimizeSetupInput,
  deps: OptimizeRunDeps,
): Promise<OptimizeSetup> {
  const { github, repo, data, task } = run;
  const { config, pull } = input;
  const { cloneUrl, defaultBranch } = await github.getRepository(repo);
  const workspace = deps.createWorkspace(cloneUrl, run.credentials({ contents: 'read' }));
  await workspace.fetchRefs([pull === undefined ? defaultBranch : `refs/pull/${pull.number}/head`]);
  const startSha = await workspace.resolveRef(data.headSha);
  const runDir = path.join(deps.runsDir, task);
  const files = createRunFiles(runDir, input.openStore(runDir));
  const trusted = await createCredentialedTrustedRepo({
    gitDir: path.join(runDir, 'trusted.git'),
    cloneUrl,
    credentials: run.credentials({ contents: 'read' }),
  });
  const worktree = createTaskWorktree({ workspace, task, sha: startSha, trusted, files });
  const publisher = await publisherOf(run, input, { cloneUrl, defaultBranch, files }, deps);
  const handlers = withGitHubReporting(
    PHASE_HANDLERS,
    createReviewReporting({
      github,
      repo,
      issue: data.target.number,
      jobId: run.jobId,
      redact: run.redact,
      warn: run.warn,
    }),
  );
  const ctx = buildOptimizeContext({
    runId: task,
    config,
    ...(data.optimize?.maxIterations === undefined ? {} : { maxIterations: data.optimize.maxIterations }),
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
    operatorConfig: input.operatorConfig,
    requester: `${data.actor.login} <${data.actor.id}+${data.actor.login}@${deps.noreplyDomain ?? 'users.noreply.github.com'}>`,
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
      onPoll: ({ finished, total }) => input.onCiPoll(`${finished} of ${total} checks finished`),
      ...(deps.ciPollIntervalMs === undefined ? {} : { intervalMs: deps.ciPollIntervalMs }),
      ...(deps.ciNoChecksGraceMs === undefined ? {} : { noChecksGraceMs: deps.ciNoChecksGraceMs }),
    }),
    runProcess: deps.runProcess,
    ...(deps.isolation === undefined ? {} : { isolation: deps.isolation }),
    processEnv: deps.processEnv,
    seed: deps.seed(),
    now: () => new Date(deps.now()),
  });
  const initialState = initialPipelineState({
    runId: task,
    branch: `perf/${task}`,
    targets: resolveTargets({
      configured: config.targets,
      ...(data.optimize?.target === undefined ? {} : { commandTarget: data.optimize.target }),
    }),
    startedAt: new Date(deps.now()).toISOString(),
  });
  return { ctx, handlers, initialState };
}

/**
 * A fork's commits pushed here would run in this repository's CI with its secrets: unless perf.yml opts in, the
 * change is posted on the PR as a patch and nothing is pushed (no write token is even minted).
 */
async function publisherOf(
  run: OpenedRun,
  input: OptimizeSetupInput,
  at: { cloneUrl: string; defaultBranch: string; files: RunFiles },
  deps: OptimizeRunDeps,
): Promise<Publisher> {
  const { data, repo } = run;
  const { pull } = input;
  if (pull?.isFork === true && input.config.optimize.forkPullRequests === 'comment')
    return createPatchCommentPublisher({
      github: run.github,
      repo,
      pull,
      jobId: run.jobId,
      runId: run.task,
      saveArtifact: (name, text) => at.files.writeArtifact(name, text),
      redact: run.redact,
    });
  return createGitHubPublisher({
    github: await deps.githubFor(data.installationId, data.repo.id, { pull_requests: 'write' }),
    repo,
    cloneUrl: at.cloneUrl,
    pushCredentials: run.credentials({ contents: 'write' }),
    target: describePublishTarget({
      data,
      pull,
      defaultBranch: at.defaultBranch,
      pushToPrBranch: input.config.optimize.pushToPrBranch,
      statusUrl: input.status.url,
    }),
    redact: run.redact,
  });
}
