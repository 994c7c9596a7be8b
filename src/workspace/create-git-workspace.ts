import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { GitCommandError, WorkspaceError } from '../domain/errors.ts';
import { acquireFileLock } from './acquire-file-lock.ts';
import { addWorktree } from './add-worktree.ts';
import { diffWorktree } from './diff-worktree.ts';
import { ensureMirror } from './ensure-mirror.ts';
import { createKeyedMutex } from './keyed-mutex.ts';
import type { MirrorGit } from './mirror-git.ts';
import { parseCloneUrl } from './parse-clone-url.ts';
import { pruneMirror } from './prune-mirror.ts';
import { redactSecrets, secretFormsOf } from './redact-secrets.ts';
import { removeWorktree } from './remove-worktree.ts';
import { runGit } from './run-git.ts';
import { runIsolatedGit } from './run-isolated-git.ts';
import { sanitizeMirror } from './sanitize-mirror.ts';
import { assertSafeRef, assertSafeTask, FULL_SHA, toFetchRefspec } from './to-fetch-refspec.ts';
import type { CredentialsSource, GitCredentials, Workspace, WorkspaceLog, Worktree } from './workspace.ts';

export interface GitWorkspaceOptions {
  /** Root for `mirrors/`, `worktrees/` and `locks/`; shared by all repositories and workers on a machine. */
  workDir: string;
  /** `https://…`, `ssh://…`, `file://…`, scp-like or a local path. Credentials embedded here are taken out. */
  cloneUrl: string;
  credentials?: CredentialsSource;
  log?: WorkspaceLog;
  /** `prune()` removes lock files older than this when no git process uses the mirror. Default 5 minutes. */
  staleLockAgeMs?: number;
  /** How long to wait for another process's mirror lock. Default 30 minutes. */
  lockTimeoutMs?: number;
  /** Kill a git command that prints nothing for this long. Default 10 minutes. */
  gitTimeoutMs?: number;
}

/**
 * The git adapter of the `Workspace` port.
 *
 * Layout: `<workDir>/mirrors/<repoId>.git` (bare, one per repository), `<workDir>/worktrees/<task>` (one per
 * task, on branch `perf/<task>`; task names must be unique across repositories, e.g. job ids) and
 * `<workDir>/locks/<repoId>.lock`.
 *
 * Every operation that touches the mirror runs under an in-process mutex plus a cross-process lock file, and
 * starts by restoring the mirror to its trusted state (`sanitizeMirror`), because code that ran in any of
 * its worktrees could have written it. Every git command runs with `hardenedGitEnv`. Credentials go only to
 * network commands, through the child's environment.
 *
 * Known limit: untrusted code still running in one task's worktree *while* another task's command runs
 * could re-plant config between the sanitize and that command. The hardening env closes hooks, fsmonitor,
 * credential helpers, ssh and pager regardless, and the credential helper answers only for the clone URL's
 * protocol and host (a planted `url.*.insteadOf` gets no token); `http.proxy` and filter drivers are only
 * closed by the sanitize. Run untrusted code under a separate uid (or in a sandbox) for a real boundary.
 */
export function createGitWorkspace(options: GitWorkspaceOptions): Workspace {
  const parsed = parseCloneUrl(options.cloneUrl);
  const { repoId, url } = parsed;
  const secrets = new Set(secretFormsOf(parsed.credentials));
  const mutex = createKeyedMutex();
  const log = options.log;
  let dirs: Promise<{ mirrorDir: string; worktreesDir: string; lockFile: string }> | undefined;

  function layout() {
    dirs ??= (async () => {
      await mkdir(path.join(options.workDir, 'worktrees'), { recursive: true });
      await mkdir(path.join(options.workDir, 'locks'), { recursive: true });
      const root = await realpath(options.workDir);
      return {
        mirrorDir: path.join(root, 'mirrors', `${repoId}.git`),
        worktreesDir: path.join(root, 'worktrees'),
        lockFile: path.join(root, 'locks', `${repoId}.lock`),
      };
    })();
    return dirs;
  }

  async function currentCredentials(): Promise<GitCredentials | undefined> {
    const source = options.credentials ?? parsed.credentials;
    const credentials = typeof source === 'function' ? await source() : source;
    for (const form of secretFormsOf(credentials)) secrets.add(form);
    return credentials;
  }

  function mirrorGit(mirrorDir: string, credentials?: GitCredentials): MirrorGit {
    return (args, env) =>
      runGit({
        cwd: mirrorDir,
        args,
        ...(credentials ? { credentials, remote: url } : {}),
        ...(env ? { env } : {}),
        secrets: [...secrets],
        timeoutMs: options.gitTimeoutMs ?? 600_000,
      });
  }

  /** Runs `section` with the mirror locked, created and sanitized. Not re-entrant. */
  async function withMirror<T>(section: (mirrorDir: string, worktreesDir: string) => Promise<T>): Promise<T> {
    const { mirrorDir, worktreesDir, lockFile } = await layout();
    return mutex.run(mirrorDir, async () => {
      const release = await acquireFileLock(lockFile, { timeoutMs: options.lockTimeoutMs ?? 30 * 60_000 });
      try {
        await ensureMirror(mirrorDir);
        const fixed = await sanitizeMirror(mirrorDir);
        if (fixed.length > 0) log?.warn({ repoId, fixed }, 'restored git state planted in the mirror');
        return await section(mirrorDir, worktreesDir);
      } finally {
        await release();
      }
    });
  }

  /** Every message leaving the workspace is redacted: URLs and git output may carry a credential. */
  function failure(message: string, userError: boolean, cause?: unknown): WorkspaceError {
    return new WorkspaceError(
      redactSecrets(message, [...secrets]),
      userError,
      cause === undefined ? undefined : { cause },
    );
  }

  async function hasCommit(git: MirrorGit, sha: string): Promise<boolean> {
    return git(['cat-file', '-e', `${sha}^{commit}`]).then(
      () => true,
      () => false,
    );
  }

  async function revParse(git: MirrorGit, ref: string): Promise<string> {
    return (await git(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`])).trim();
  }

  async function fetchRefs(refs: readonly string[]): Promise<void> {
    const targets = refs.map(toFetchRefspec);
    if (targets.length === 0) return;
    const credentials = await currentCredentials();
    await withMirror(async (mirrorDir) => {
      const git = mirrorGit(mirrorDir, credentials);
      const missing = [];
      for (const target of targets) {
        if (!FULL_SHA.test(target.source) || !(await hasCommit(git, target.source))) missing.push(target);
      }
      if (missing.length === 0) return;
      log?.debug({ repoId, refs: missing.map((t) => t.source) }, 'fetching refs into mirror');
      const refspecs = missing.map((t) => `+${t.source}:${t.destination}`);
      try {
        await git(['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--end-of-options', url, ...refspecs]);
      } catch (error) {
        throw fetchError(error, refs);
      }
    });
  }

  function fetchError(error: unknown, refs: readonly string[]): WorkspaceError {
    const detail = error instanceof GitCommandError ? error.stderr : String(error);
    if (/couldn't find remote ref|not our ref|unadvertised object|no such remote ref/i.test(detail)) {
      const named = refs.find((ref) => detail.includes(ref)) ?? refs.join("', '");
      return failure(`ref '${named}' not found in ${repoId}: ${detail}`, true, error);
    }
    return failure(`fetching from ${url} failed: ${detail}`, false, error);
  }

  async function resolveRef(ref: string): Promise<string> {
    assertSafeRef(ref);
    try {
      await fetchRefs([ref]);
    } catch (error) {
      // An abbreviated SHA cannot be fetched, but it names a commit once that commit is in the mirror.
      const abbreviated = /^[0-9a-f]{4,39}$/.test(ref) && error instanceof WorkspaceError && error.userError;
      if (!abbreviated) throw error;
      const sha = await withMirror((mirrorDir) => revParse(mirrorGit(mirrorDir), ref)).catch(() => undefined);
      if (sha) return sha;
      throw error;
    }
    const local = FULL_SHA.test(ref) ? ref : toFetchRefspec(ref).destination;
    return withMirror((mirrorDir) => revParse(mirrorGit(mirrorDir), local)).catch((error: unknown) => {
      throw failure(`ref '${ref}' in ${repoId} does not point to a commit`, true, error);
    });
  }

  async function mergeBase(a: string, b: string): Promise<string> {
    const [shaA, shaB] = [await resolveRef(a), await resolveRef(b)];
    const base = await withMirror((mirrorDir) => mirrorGit(mirrorDir)(['merge-base', shaA, shaB])).catch(() => '');
    if (!FULL_SHA.test(base.trim())) {
      throw failure(`'${a}' and '${b}' have no common ancestor in ${repoId}`, true);
    }
    return base.trim();
  }

  async function defaultBranch(): Promise<string> {
    const credentials = await currentCredentials();
    const args = ['ls-remote', '--symref', '--end-of-options', url, 'HEAD'];
    // ls-remote needs nothing from the mirror, so with a token it reads none of the mirror's config either.
    const output = await withMirror((mirrorDir) =>
      credentials === undefined
        ? mirrorGit(mirrorDir)(args)
        : runIsolatedGit({
            gitDir: mirrorDir,
            args,
            remote: url,
            credentials,
            secrets: [...secrets],
            timeoutMs: options.gitTimeoutMs ?? 600_000,
          }),
    ).catch((error: unknown) => {
      const detail = error instanceof GitCommandError ? error.stderr : String(error);
      throw failure(`could not read the default branch of ${repoId}: ${detail}`, false, error);
    });
    const branch = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(output)?.[1];
    if (!branch) throw failure(`${repoId} has no default branch (its HEAD points to no branch)`, true);
    return branch;
  }

  async function createWorktree(task: string, shaOrRef: string): Promise<Worktree> {
    assertSafeTask(task);
    const sha = FULL_SHA.test(shaOrRef) ? shaOrRef : await resolveRef(shaOrRef);
    await fetchRefs([sha]);
    const branch = `perf/${task}`;
    const { mirrorDir, worktreesDir } = await layout();
    const worktreePath = path.join(worktreesDir, task);
    const adminDir = await withMirror(() =>
      addWorktree({ git: mirrorGit(mirrorDir), mirrorDir, worktreePath, branch, sha }),
    );
    log?.debug({ repoId, task, sha }, 'created worktree');
    let removal: Promise<void> | undefined;
    return {
      path: worktreePath,
      branch,
      sha,
      diff: () => withMirror(() => diffWorktree({ git: mirrorGit(mirrorDir), mirrorDir, adminDir, worktreePath, sha })),
      remove: () => {
        removal ??= withMirror(() => removeWorktree({ git: mirrorGit(mirrorDir), worktreePath, adminDir, branch }));
        // A failed removal may be retried by the next call.
        removal.catch(() => (removal = undefined));
        return removal;
      },
    };
  }

  async function prune(): Promise<void> {
    const result = await withMirror((mirrorDir, worktreesDir) =>
      pruneMirror({
        git: mirrorGit(mirrorDir),
        mirrorDir,
        worktreesDir,
        staleLockAgeMs: options.staleLockAgeMs ?? 5 * 60_000,
      }),
    );
    if (result.removedWorktrees.length + result.removedLocks.length > 0)
      log?.warn({ repoId, ...result }, 'pruned stale git state');
  }

  return { repoId, fetchRefs, resolveRef, mergeBase, defaultBranch, createWorktree, prune };
}
