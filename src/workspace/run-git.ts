import { simpleGit } from 'simple-git';
import { GitCommandError } from '../domain/errors.ts';
import { hardenedGitEnv } from './hardened-git-env.ts';
import { redactSecrets } from './redact-secrets.ts';
import type { GitCredentials } from './workspace.ts';

/** One git invocation. `args` must never contain raw untrusted input that could start with `-`. */
export interface GitInvocation {
  /** Working directory; for a bare mirror, the mirror itself. */
  cwd: string;
  args: readonly string[];
  credentials?: GitCredentials;
  /** The URL `credentials` are for; required with them (see `hardenedGitEnv`). */
  remote?: string;
  /** Extra environment (`GIT_DIR`, `GIT_WORK_TREE`…), on top of the hardened one. */
  env?: Record<string, string>;
  /** Strings to scrub from error messages (every form of every live credential). */
  secrets?: readonly string[];
  /** Kill git when it prints nothing for this long. Default 10 minutes. */
  timeoutMs?: number;
}

/**
 * Runs git with the hardened environment and returns its stdout (untrimmed, so `-z` output survives).
 *
 * simple-git refuses, by default, to pass the very settings that harden the command (`core.hooksPath`,
 * `core.fsmonitor`, `credential.helper`, `GIT_CONFIG_*`…) because they could be abused when they come from
 * user input. Here they come only from `hardenedGitEnv`, so exactly those categories are unlocked; the
 * checks against `--upload-pack`, `--template`, aliases, filters, merge drivers and diff programs stay on.
 */
export async function runGit(invocation: GitInvocation): Promise<string> {
  try {
    const git = simpleGit({
      baseDir: invocation.cwd,
      trimmed: false,
      timeout: { block: invocation.timeoutMs ?? 600_000 },
      unsafe: UNLOCKED_FOR_HARDENING,
      // simple-git only fails on non-zero exits that printed to stderr; `show-ref --quiet` & co. print nothing.
      errors: (error, result) =>
        error ??
        (result.exitCode === 0
          ? undefined
          : new Error(Buffer.concat(result.stdErr).toString() || `exit code ${result.exitCode}`)),
    }).env(hardenedGitEnv({ credentials: invocation.credentials, remote: invocation.remote, extra: invocation.env }));
    return await git.raw([...invocation.args]);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new GitCommandError(invocation.args[0] ?? '', redactSecrets(detail.trim(), invocation.secrets ?? []));
  }
}

const UNLOCKED_FOR_HARDENING = {
  allowUnsafeConfigEnvCount: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeAskPass: true,
  allowUnsafeHooksPath: true,
  allowUnsafeFsMonitor: true,
  allowUnsafeSshCommand: true,
  allowUnsafePager: true,
  allowUnsafeEditor: true,
  allowUnsafeCredentialHelper: true,
  allowUnsafeProtocolOverride: true,
} as const;
