import type { RepoConfig } from '../config/repo-config.ts';
import { createRedactor } from '../domain/redact.ts';
import type { GitHubClient, PullRequestInfo, RepoRef } from '../github/github-client.ts';
import { readRepoConfig } from '../github/read-repo-config.ts';
import type { TokenPermissions } from '../github/token-issuer.ts';
import { isUserError } from '../domain/errors.ts';
import type { RunJobData } from '../queue/run-job-data.ts';
import type { RunKind } from '../reports/run-phases.ts';
import { reauthorize } from './reauthorize.ts';
import type { GitCredentials, RunJob, SharedRunDeps } from './run-deps.ts';
import { createStatusComment, type StatusComment } from './status-comment.ts';

/** What every run kind starts with: the job's GitHub client, its credentials and redactor, its name. */
export interface OpenedRun {
  readonly jobId: string;
  readonly data: RunJobData;
  readonly repo: RepoRef;
  readonly github: GitHubClient;
  /**
   * The run's one name, from its job id: its worktrees (`<task>`, or `<task>-a<attempt>` for a bench, whose
   * retries never reuse a worktree) and, for an optimize run, its checkpoint, run files and branch `perf/<task>`
   * — which is why it must never change for a job id.
   */
  readonly task: string;
  /** Which attempt of the job this is (1 for the first). */
  readonly attempt: number;
  /** Credentials that mint a token with `permissions` per use; every token is added to the redactor. */
  credentials: (permissions: TokenPermissions) => GitCredentials;
  /** Removes the job's tokens (and anything shaped like a credential) from text that leaves the process. */
  redact: (text: string) => string;
  /** Publishes the current phase for `/perf status`. */
  reportPhase: (phase: string, detail?: string) => void;
  warn: (message: string, details: Record<string, unknown>) => void;
  /** The run's status comment (`run-<jobId>`); nothing is posted yet. */
  statusComment(kind: RunKind): StatusComment;
  /**
   * perf.yml from the default branch (never the PR's head), the requester re-authorized against its
   * `triggers.minPermission` (access can be lost while a run waits), then `check` (whose result is `checked`).
   * A user error is told with `onUserError` (when given) before it is rethrown: lost access or a broken perf.yml
   * is said on the PR.
   */
  authorize<Checked = undefined>(options?: {
    onUserError?: (error: unknown) => Promise<unknown>;
    check?: (config: RepoConfig) => Checked;
  }): Promise<{ config: RepoConfig; checked: Checked }>;
  /**
   * The pull request as it is now (undefined for an issue), its base shown in `status`'s title. A head that moved
   * since the command was accepted stops the run unless `allowMoved` (a run already under way stays pinned):
   * the status says so and `moved` is the current head.
   */
  checkHead(status: StatusComment, allowMoved?: boolean): Promise<{ pull?: PullRequestInfo; moved?: string }>;
}

/** The task of a job: its id with anything but letters, digits, `-` and `_` replaced (BullMQ ids are free text). */
export function runTask(jobId: string): string {
  return jobId.replace(/[^A-Za-z0-9_-]/g, '-');
}

/** Opens one activation of a run job (the preamble bench, calibrate and optimize share). */
export async function openRun(job: RunJob, deps: SharedRunDeps): Promise<OpenedRun> {
  const { data } = job;
  const jobId = job.id ?? 'unknown';
  // When this activation started, as `/perf status` shows it.
  const startedAt = new Date(deps.now()).toISOString();
  const github = await deps.githubFor(data.installationId, data.repo.id);
  const repo: RepoRef = { owner: data.repo.owner, name: data.repo.name };
  const issued: string[] = [];
  // Built again only when a token is minted: redaction is on every comment edit.
  let redactor = createRedactor(issued);
  const run: OpenedRun = {
    jobId,
    data,
    repo,
    github,
    task: runTask(jobId),
    attempt: job.attemptsStarted,
    credentials: (permissions) => async () => {
      const { token } = await deps.tokens.issue({
        installationId: data.installationId,
        repositoryIds: [data.repo.id],
        permissions,
      });
      issued.push(token);
      redactor = createRedactor(issued);
      return { username: 'x-access-token', password: token };
    },
    redact: (text) => redactor(text),
    reportPhase: (phase, detail) => void job.updateProgress({ phase, startedAt, detail }).catch(() => undefined),
    warn: (message, details) => deps.warn?.(message, { jobId, ...details }),
    statusComment: (kind) =>
      createStatusComment({
        kind,
        github,
        repo,
        issue: data.target.number,
        jobId,
        headSha: data.headSha,
        actor: data.actor.login,
        baseLabel: data.vs ?? data.repo.defaultBranch,
        now: deps.now,
        redact: run.redact,
        reportPhase: run.reportPhase,
        ...(deps.progressEveryMs === undefined ? {} : { progressEveryMs: deps.progressEveryMs }),
      }),
    async authorize<Checked>(
      options: { onUserError?: (error: unknown) => Promise<unknown>; check?: (config: RepoConfig) => Checked } = {},
    ) {
      try {
        const config = await readRepoConfig(github, repo);
        await reauthorize(github, repo, data, config.triggers.minPermission);
        return { config, checked: options.check?.(config) as Checked };
      } catch (error) {
        if (isUserError(error)) await options.onUserError?.(error);
        throw error;
      }
    },
    async checkHead(status, allowMoved = false) {
      if (data.target.type !== 'pull') return {};
      const pull = await github.getPullRequest(repo, data.target.number);
      status.baseLabel = data.vs ?? pull.baseRef;
      if (allowMoved || pull.headSha === data.headSha) return { pull };
      await status.headMoved(pull.headSha);
      return { pull, moved: pull.headSha };
    },
  };
  return run;
}
