/**
 * The `Workspace` port: everything the pipeline needs from git, and nothing more.
 *
 * One workspace serves one repository. Its adapter (`createGitWorkspace`) keeps a bare mirror of the
 * repository and hands out one linked worktree per task. Two rules hold for every implementation:
 *
 * - **Tokens never persist.** Credentials are passed to the single git command that needs them and never
 *   reach a remote URL, a config file, `FETCH_HEAD`, a log line or an error message.
 * - **Worktrees are hostile after use.** Benchmarks and agents run untrusted code in a worktree, and that
 *   code can write the mirror's git directory (a linked worktree shares it). Every git command the bot runs
 *   afterwards must behave as if nothing had been planted there (see `hardenedGitEnv` and `sanitizeMirror`).
 */

/** A username/password pair for HTTPS git; for a GitHub App token: `x-access-token` / the token. */
export interface GitCredentials {
  username: string;
  password: string;
}

/**
 * Credentials, or a function that returns fresh ones. The function is called before every network
 * command, so a long job can hand out a newly minted installation token (they expire after an hour).
 */
export type CredentialsSource = GitCredentials | (() => Promise<GitCredentials>);

/** Pino-compatible structured logger: a metadata object first, then a static message. */
export interface WorkspaceLog {
  debug(meta: Record<string, unknown>, message: string): void;
  warn(meta: Record<string, unknown>, message: string): void;
}

/** What changed in a worktree since it was created, as produced by `Worktree.diff()`. */
export interface WorktreeDiff {
  /** A binary-safe patch (`git diff --binary`) from the worktree's `sha` to its files; empty when unchanged. */
  patch: string;
  /** Repository-relative paths that were added, modified or deleted, sorted. */
  files: string[];
}

/** A linked worktree checked out at a fixed commit on branch `perf/<task>`. */
export interface Worktree {
  /** Absolute path of the checked-out files. */
  readonly path: string;
  /** Local branch created for the task: `perf/<task>`. */
  readonly branch: string;
  /** The commit the worktree was created at (40 hex characters). */
  readonly sha: string;
  /**
   * The changes made in the worktree since `sha`: tracked edits, deletions and new files that are not
   * ignored. Safe to call after untrusted code ran there: no hook, fsmonitor, filter or external diff
   * configured by that code runs.
   */
  diff(): Promise<WorktreeDiff>;
  /** Removes the files, the git bookkeeping and the branch. Idempotent: call it in `finally`. */
  remove(): Promise<void>;
}

/** Git operations on one repository. */
export interface Workspace {
  /** Filesystem-safe id of the repository, derived from its URL without credentials. */
  readonly repoId: string;
  /**
   * Fetches refs into the mirror: branch names (`main`), full refs (`refs/pull/123/head`, `refs/tags/v1`)
   * or full commit SHAs. Throws a user `WorkspaceError` naming the first ref the remote does not have.
   */
  fetchRefs(refs: readonly string[]): Promise<void>;
  /** The commit a ref points to (fetching it first), as 40 hex characters. */
  resolveRef(ref: string): Promise<string>;
  /** The best common ancestor of two refs or SHAs. */
  mergeBase(a: string, b: string): Promise<string>;
  /** The repository's default branch, as a ref `resolveRef` accepts (`main`, or `origin/main` locally). */
  defaultBranch(): Promise<string>;
  /**
   * Checks out `sha` in a new worktree on branch `perf/<task>`. A leftover worktree for the same task
   * (from a crashed run) is replaced; one held by another live process is an error.
   */
  createWorktree(task: string, sha: string): Promise<Worktree>;
  /**
   * Start-up cleanup: removes worktrees and lock files left behind by crashed processes and restores
   * the mirror's trusted config. Never touches what a live process is using.
   */
  prune(): Promise<void>;
}
