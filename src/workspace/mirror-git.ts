/**
 * Runs one hardened git command on a mirror (cwd = the mirror, credentials and redaction already bound).
 * Handed to the worktree helpers so that they never build their own git invocation.
 */
export type MirrorGit = (args: readonly string[], env?: Record<string, string>) => Promise<string>;
