import { WorkspaceError } from '../domain/errors.ts';

/** Where a ref comes from on the remote and where the mirror keeps it. */
export interface FetchTarget {
  /** What the remote is asked for: a full ref name or a commit SHA. */
  source: string;
  /** The mirror's ref that holds it afterwards; resolve this, not the input. */
  destination: string;
}

export const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * Maps a ref to the mirror's namespaces. Remote branches go to `refs/remotes/origin/*` so that the local
 * `refs/heads/perf/*` branches of worktrees can never collide with them (git refuses to fetch into a branch
 * checked out in a worktree). `pull/N/head` and other full refs keep their name; a bare SHA is pinned under
 * `refs/perfbot/sha/*` so that it stays reachable. A plain name means a branch; tags need `refs/tags/`.
 */
export function toFetchRefspec(ref: string): FetchTarget {
  assertSafeRef(ref);
  if (FULL_SHA.test(ref)) return { source: ref, destination: `refs/perfbot/sha/${ref}` };
  const full = ref.startsWith('refs/')
    ? ref
    : /^pull\/\d+\/(head|merge)$/.test(ref)
      ? `refs/${ref}`
      : `refs/heads/${ref}`;
  const destination = full.startsWith('refs/heads/') ? `refs/remotes/origin/${full.slice('refs/heads/'.length)}` : full;
  return { source: full, destination };
}

/**
 * Rejects anything that is not a plausible ref name or SHA before it reaches git's argv: a leading `-`
 * (option injection such as `--upload-pack=…`), whitespace, control characters and the characters that
 * `git check-ref-format` forbids. Refs come from comments and API payloads, so they are user input.
 */
export function assertSafeRef(ref: string): void {
  const bad =
    ref.length === 0 ||
    ref.length > 255 ||
    ref.startsWith('-') ||
    ref.startsWith('/') ||
    ref.endsWith('/') ||
    ref.endsWith('.') ||
    ref.endsWith('.lock') ||
    ref.includes('..') ||
    ref.includes('@{') ||
    ref.includes('//') ||
    /[\s~^:?*[\\\x00-\x1f\x7f]/.test(ref);
  if (bad) throw new WorkspaceError(`'${ref}' is not a valid git ref name`, true);
}

/** Task names become directory and branch names (`perf/<task>`), so they get the strictest alphabet. */
export function assertSafeTask(task: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/.test(task)) {
    throw new WorkspaceError(`'${task}' is not a valid task name (letters, digits, '-' and '_', at most 100)`, false);
  }
}

/**
 * The looser check for revision expressions resolved in a user's own repository (`HEAD~2`, `main^`,
 * `v1.0^{commit}`): still no leading `-` and no control characters; `--end-of-options` does the rest.
 */
export function assertSafeRevision(revision: string): void {
  if (revision.length === 0 || revision.length > 255 || revision.startsWith('-') || /[\x00-\x1f\x7f]/.test(revision)) {
    throw new WorkspaceError(`'${revision}' is not a valid git revision`, true);
  }
}
