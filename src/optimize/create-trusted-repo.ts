import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DiffFile } from '../pipeline/diff-rules/validate-diff.ts';
import { runGit } from '../workspace/run-git.ts';
import { sanitizeMirror } from '../workspace/sanitize-mirror.ts';

/** Who the optimization commit is by. */
export interface CommitIdentity {
  name: string;
  email: string;
}

export interface CommitPatchInput {
  parent: string;
  /** A validated patch against `parent` (may be empty: the commit then has the parent's tree). */
  patch: string;
  message: string;
  author: CommitIdentity;
  /** ISO time for author and committer dates. */
  date: string;
}

/**
 * A bare repository that only Perfbot means to write: no checkout, no untrusted code ever runs in it.
 * Patches from the agent's worktree are applied and committed here ("the commit happens in a trusted clone
 * from a patch, not in the tree where untrusted code ran"), and it is the `GIT_DIR` of every `git apply`
 * into a fresh directory, so no config, hook or attribute from a worktree takes part.
 *
 * It sits on the same disk as the worktrees, so untrusted code can reach it: before every git command its
 * config is restored to a constant and planted hooks, attributes, grafts and alternates are deleted
 * (`sanitizeMirror`, as for mirrors), and credentialed commands never run in it (`runIsolatedGit`).
 */
export interface TrustedRepo {
  readonly gitDir: string;
  /** Makes sure the commit is here, fetching it (depth 1) from the source when it is not. */
  ensureCommit(sha: string): Promise<void>;
  /** A file's content at a commit, or null when the path is not a file there. */
  readFile(sha: string, repoPath: string): Promise<string | null>;
  /** Paths of every file under a folder at a commit (recursively); [] when none. */
  listFiles(sha: string, repoPath: string): Promise<string[]>;
  /** Every regular file of a commit with its mode (`100644`, `100755`), read once per commit and cached. */
  listTree(sha: string): Promise<ReadonlyMap<string, string>>;
  /** Applies a patch to the files of `dir` (not to any index). */
  applyToDir(dir: string, patch: string): Promise<void>;
  /** Commits `parent` + `patch` without touching any work tree; returns the commit and its tree. */
  commitPatch(input: CommitPatchInput): Promise<{ sha: string; tree: string }>;
  /**
   * What `to` changes against `from`, file by file, as the diff rules need it (`validateDiff`): read from the
   * two trees themselves, not from a patch, so it is exactly what a commit of `to` would carry. Binary means
   * "has a NUL byte in its first 8000" (git's own test), decided without any attributes.
   */
  describeChange(from: string, to: string): Promise<DiffFile[]>;
  /** Points `refs/heads/<branch>` at a commit, so others can fetch it by name. */
  setBranch(branch: string, sha: string): Promise<void>;
}

/** Blobs larger than this are not read by `describeChange`. */
const MAX_INSPECTED_BYTES = 16 * 1024 * 1024;

/**
 * Opens (creating when missing) the trusted repository at `gitDir`. `source` is where commits are fetched
 * from: a local repository path for the CLI, a clone URL for the worker.
 */
export async function createTrustedRepo(options: { gitDir: string; source: string }): Promise<TrustedRepo> {
  const { gitDir, source } = options;
  const exists = await stat(path.join(gitDir, 'HEAD')).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(gitDir, { recursive: true });
    await runGit({ cwd: gitDir, args: ['init', '--quiet', '--bare', gitDir] });
  }
  const git = async (args: readonly string[], env: Record<string, string> = {}, cwd = gitDir) => {
    await sanitizeMirror(gitDir);
    return runGit({ cwd, args, env: { GIT_DIR: gitDir, ...env } });
  };

  const trees = new Map<string, Promise<ReadonlyMap<string, string>>>();
  function listTree(sha: string): Promise<ReadonlyMap<string, string>> {
    let tree = trees.get(sha);
    if (tree === undefined) {
      tree = git(['ls-tree', '-r', '-z', '--full-tree', sha]).then((out) => {
        const files = new Map<string, string>();
        for (const entry of out.split('\0')) {
          const match = /^(\d+) blob \S+\t(.+)$/s.exec(entry);
          if (match !== null && (match[1] === '100644' || match[1] === '100755'))
            files.set(match[2] as string, match[1]);
        }
        return files;
      });
      tree.catch(() => trees.delete(sha));
      trees.set(sha, tree);
    }
    return tree;
  }

  async function withScratch<T>(work: (scratch: string) => Promise<T>): Promise<T> {
    const scratch = await mkdtemp(path.join(tmpdir(), 'perfbot-trusted-'));
    try {
      return await work(scratch);
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }

  return {
    gitDir,
    async ensureCommit(sha) {
      const present = await git(['cat-file', '-e', `${sha}^{commit}`]).then(
        () => true,
        () => false,
      );
      if (present) return;
      await git([
        'fetch',
        '--quiet',
        '--no-tags',
        '--no-write-fetch-head',
        '--depth=1',
        '--end-of-options',
        source,
        sha,
      ]);
    },
    async readFile(sha, repoPath) {
      const type = await git(['cat-file', '-t', `${sha}:${repoPath}`]).then(
        (out) => out.trim(),
        () => '',
      );
      return type === 'blob' ? git(['cat-file', 'blob', `${sha}:${repoPath}`]) : null;
    },
    listTree,
    async listFiles(sha, repoPath) {
      const out = await git(['ls-tree', '-r', '-z', '--name-only', sha, '--', repoPath]).catch(() => '');
      return out.split('\0').filter((name) => name !== '' && (name === repoPath || name.startsWith(`${repoPath}/`)));
    },
    async applyToDir(dir, patch) {
      if (patch === '') return;
      await withScratch(async (scratch) => {
        const file = path.join(scratch, 'change.patch');
        await writeFile(file, patch);
        await git(
          ['apply', '--whitespace=nowarn', file],
          { GIT_WORK_TREE: dir, GIT_INDEX_FILE: path.join(scratch, 'index') },
          dir,
        );
      });
    },
    async commitPatch(input) {
      return withScratch(async (scratch) => {
        const env = { GIT_INDEX_FILE: path.join(scratch, 'index') };
        await git(['read-tree', input.parent], env);
        if (input.patch !== '') {
          await writeFile(path.join(scratch, 'change.patch'), input.patch);
          await git(['apply', '--cached', '--whitespace=nowarn', path.join(scratch, 'change.patch')], env);
        }
        const tree = (await git(['write-tree'], env)).trim();
        await writeFile(path.join(scratch, 'message'), input.message);
        const identity = {
          GIT_AUTHOR_NAME: input.author.name,
          GIT_AUTHOR_EMAIL: input.author.email,
          GIT_AUTHOR_DATE: input.date,
          GIT_COMMITTER_NAME: input.author.name,
          GIT_COMMITTER_EMAIL: input.author.email,
          GIT_COMMITTER_DATE: input.date,
        };
        const sha = (
          await git(['commit-tree', tree, '-p', input.parent, '-F', path.join(scratch, 'message')], identity)
        ).trim();
        return { sha, tree };
      });
    },
    async describeChange(from, to) {
      const raw = (await git(['diff-tree', '-r', '-z', '--no-renames', from, to])).split('\0');
      const files: DiffFile[] = [];
      for (let index = 0; index + 1 < raw.length; index += 2) {
        const match = /^:(\d{6}) (\d{6}) ([0-9a-f]+) ([0-9a-f]+) ([AMDT])$/.exec(raw[index] as string);
        if (match === null) throw new Error(`unexpected diff-tree output: ${raw[index]}`);
        const [, oldMode, newMode, oldBlob, newBlob, status] = match as unknown as [
          string,
          string,
          string,
          string,
          string,
          DiffFile['status'],
        ];
        const [mode, blob] = status === 'D' ? [oldMode, oldBlob] : [newMode, newBlob];
        const file: DiffFile = { path: raw[index + 1] as string, status, mode, binary: false };
        // Submodule entries name commits of another repository; their mode is already a violation.
        if (mode !== '160000') {
          file.sizeBytes = Number((await git(['cat-file', '-s', blob])).trim());
          // Far over any file size the rules allow: not read, and counted as binary (refused either way).
          file.binary =
            file.sizeBytes > MAX_INSPECTED_BYTES ||
            (await git(['cat-file', 'blob', blob])).slice(0, 8000).includes('\0');
        }
        files.push(file);
      }
      return files;
    },
    async setBranch(branch, sha) {
      await git(['update-ref', `refs/heads/${branch}`, sha]);
    },
  };
}
