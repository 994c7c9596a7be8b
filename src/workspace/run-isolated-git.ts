import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGit } from './run-git.ts';
import { sanitizeMirror } from './sanitize-mirror.ts';
import type { GitCredentials } from './workspace.ts';

/** One credentialed network command (`fetch`, `push`, `ls-remote`) on the objects of a repository. */
export interface IsolatedGitInvocation {
  /** The repository whose objects the command reads and writes (and whose `shallow` list it keeps). */
  gitDir: string;
  args: readonly string[];
  /** The URL the credentials are for; the credential helper answers for nothing else. */
  remote: string;
  credentials: GitCredentials;
  /** Strings to scrub from error messages (every form of every live credential). */
  secrets?: readonly string[];
  timeoutMs?: number;
}

/**
 * Runs a credentialed git command without reading anything but the objects of `gitDir`: its config (where a
 * planted `url.*.insteadOf`, `http.proxy`, `http.sslVerify` or `http.<url>.extraHeader` would send the token
 * elsewhere), hooks, `info/` files and refs play no part, however recently they were written. The command's
 * `GIT_DIR` is a fresh scratch repository with the constant config of `sanitizeMirror`; `GIT_OBJECT_DIRECTORY`
 * is `gitDir`'s, so fetched objects land there and pushed ones come from there. The shallow list (`$GIT_DIR/
 * shallow`, which a `--depth` fetch needs and updates) is copied in and, when the command changed it, back.
 * No refs are written in `gitDir`: callers name what they fetch or push by SHA or full ref.
 */
export async function runIsolatedGit(invocation: IsolatedGitInvocation): Promise<string> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'perfbot-isolated-'));
  try {
    await runGit({ cwd: scratch, args: ['init', '--quiet', '--bare', scratch] });
    await sanitizeMirror(scratch);
    const shallowFile = path.join(invocation.gitDir, 'shallow');
    const before = await readFile(shallowFile, 'utf8').catch(() => undefined);
    if (before !== undefined) await writeFile(path.join(scratch, 'shallow'), before);
    const output = await runGit({
      cwd: scratch,
      args: invocation.args,
      env: { GIT_DIR: scratch, GIT_OBJECT_DIRECTORY: path.join(invocation.gitDir, 'objects') },
      credentials: invocation.credentials,
      remote: invocation.remote,
      ...(invocation.secrets === undefined ? {} : { secrets: invocation.secrets }),
      ...(invocation.timeoutMs === undefined ? {} : { timeoutMs: invocation.timeoutMs }),
    });
    const after = await readFile(path.join(scratch, 'shallow'), 'utf8').catch(() => undefined);
    if (after !== undefined && after !== before) {
      const temp = `${shallowFile}.perfbot-${randomUUID()}.tmp`;
      await writeFile(temp, after);
      await rename(temp, shallowFile);
    }
    return output;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
