/**
 * The port through which Perfbot talks to GitHub, in Perfbot's own types. Only the GitHub adapter knows Octokit.
 * Every method throws the GitHub errors of `domain/errors.ts`: `TransientGitHubError` (retry later),
 * `GitHubPermissionError` / `GitHubNotFoundError` (tell the user, do not retry) or `GitHubRequestError`.
 */
export interface GitHubClient {
  /** The user's permission on the repository (`admin`, `write`, `read`, `none`) and role (`maintain`, `triage`…). */
  getPermission(repo: RepoRef, username: string): Promise<RepoPermission>;
  getPullRequest(repo: RepoRef, number: number): Promise<PullRequestInfo>;
  /** A file's text at `ref` (the default branch when omitted); `null` when there is no such file. */
  readFile(repo: RepoRef, path: string, ref?: string): Promise<string | null>;
  /** The repository as the API reports it; clone with this `cloneUrl` (it is right for GitHub Enterprise Server too). */
  getRepository(repo: RepoRef): Promise<RepositoryInfo>;
  /** The commit a branch points to now (to pin the default branch for an issue-triggered optimization). */
  getBranchSha(repo: RepoRef, branch: string): Promise<string>;
  addReaction(repo: RepoRef, commentId: number, content: ReactionContent): Promise<void>;
  /** Removes a label from an issue or pull request; a label that is already gone is fine. */
  removeLabel(repo: RepoRef, issueNumber: number, name: string): Promise<void>;
  /**
   * Creates or edits in place the one comment that carries the hidden marker `<!-- perfbot:<marker> -->`,
   * so a retried job never posts twice. Pass the `id` it returned as `knownId` to skip the search next time.
   */
  upsertComment(
    repo: RepoRef,
    issueNumber: number,
    marker: string,
    body: string,
    knownId?: number,
  ): Promise<PostedComment>;
  /**
   * Hides an old comment as outdated (GraphQL `minimizeComment`); when GitHub refuses, edits it to say so instead.
   * Returns which of the two happened.
   */
  markCommentOutdated(repo: RepoRef, comment: Pick<PostedComment, 'id' | 'nodeId'>): Promise<'minimized' | 'edited'>;
  createCheckRun(repo: RepoRef, input: CheckRunInput): Promise<{ id: number; url: string }>;
  /** Output longer than GitHub's 65,535 characters is truncated with a note. */
  updateCheckRun(repo: RepoRef, id: number, update: CheckRunUpdate): Promise<void>;
  listCheckRunsForRef(repo: RepoRef, sha: string): Promise<CheckRunSummary[]>;
  createPullRequest(repo: RepoRef, input: PullRequestInput): Promise<PullRequestRef>;
  /** The open pull request whose head is `headBranch` in this same repository, if any. */
  findPullRequestByHead(repo: RepoRef, headBranch: string): Promise<PullRequestRef | null>;
}

export interface RepositoryInfo {
  id: number;
  defaultBranch: string;
  cloneUrl: string;
}

/** A repository, by owner login and name (`acme/widgets` → `{ owner: 'acme', name: 'widgets' }`). */
export interface RepoRef {
  owner: string;
  name: string;
}

export interface RepoPermission {
  /** The classic permission: `admin`, `write`, `read` or `none`. */
  permission: string;
  /** The fine-grained role: `admin`, `maintain`, `write`, `triage`, `read` or a custom role's name. */
  roleName: string;
}

export interface PullRequestInfo {
  number: number;
  state: 'open' | 'closed';
  title: string;
  /** Empty when the pull request has no description. */
  body: string;
  headSha: string;
  headRef: string;
  /** `null` when the head repository (a fork) was deleted. */
  headRepoFullName: string | null;
  headRepoId: number | null;
  baseRef: string;
  baseSha: string;
  /** True when the head lives in another repository (or one that no longer exists): its code is untrusted. */
  isFork: boolean;
  /** The author's user id (`null` for a deleted account). */
  authorId: number | null;
}

export type ReactionContent = '+1' | 'eyes' | 'rocket' | 'confused';

export interface PostedComment {
  id: number;
  /** GraphQL id, needed to minimize the comment later. */
  nodeId: string;
  url: string;
}

export type CheckRunStatus = 'queued' | 'in_progress' | 'completed';
export type CheckRunConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';

export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
}

export interface CheckRunInput {
  name: string;
  headSha: string;
  status: CheckRunStatus;
  /** Required by GitHub when `status` is `completed`. */
  conclusion?: CheckRunConclusion;
  output?: CheckRunOutput;
  /** Our job id, so a retried job can find its own check run again. */
  externalId?: string;
  detailsUrl?: string;
}

export interface CheckRunUpdate {
  status?: CheckRunStatus;
  conclusion?: CheckRunConclusion;
  output: CheckRunOutput;
}

export interface CheckRunSummary {
  id: number;
  /** Its page on GitHub (`html_url`). */
  url: string;
  name: string;
  status: CheckRunStatus;
  conclusion: CheckRunConclusion | 'stale' | null;
  externalId: string | null;
  /** The app that created it (check names are free: a workflow job or another app can be called `perf` too). */
  appId: number | null;
  /** When it completed (GitHub's clock), or null while it runs. */
  completedAt: string | null;
  outputSummary?: string;
}

export interface PullRequestInput {
  /** A branch of this same repository. */
  head: string;
  base: string;
  title: string;
  body: string;
  draft?: boolean;
}

export interface PullRequestRef {
  number: number;
  url: string;
  headSha: string;
}
