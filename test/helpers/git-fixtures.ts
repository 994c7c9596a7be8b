/**
 * Real, disposable git repositories for tests: a working repository with commits, and a bare "remote".
 * Git runs with a fixed identity and dates and without the machine's global/system config, so SHAs are
 * reproducible and a developer's `~/.gitconfig` cannot change results. Each helper returns a `cleanup()`;
 * `cleanupAll()` removes everything created so far (call it in `afterAll`/`afterEach`).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** File contents by repository-relative path; `null` deletes the file. */
export type FileTree = Record<string, string | null>;

export interface CommitSpec {
  files: FileTree;
  message: string;
}

export interface TempRepo {
  dir: string;
  /** SHAs of the commits made at creation, oldest first. */
  shas: string[];
  /** Runs plain git in the repository and returns trimmed stdout. */
  git(...args: string[]): Promise<string>;
  cleanup(): Promise<void>;
}

export interface BareRemote {
  dir: string;
  /** `file://` URL of the remote. */
  url: string;
  git(...args: string[]): Promise<string>;
  cleanup(): Promise<void>;
}

const created = new Set<string>();

/** The environment every fixture git command runs with. */
export function fixtureGitEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Perfbot Test',
    GIT_AUTHOR_EMAIL: 'test@perfbot.invalid',
    GIT_COMMITTER_NAME: 'Perfbot Test',
    GIT_COMMITTER_EMAIL: 'test@perfbot.invalid',
    GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
    LC_ALL: 'C',
  };
}

/** Runs git in `dir` with the fixture environment; returns trimmed stdout. */
export async function gitIn(dir: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, { cwd: dir, env: fixtureGitEnv(), maxBuffer: 64 * 1024 * 1024 });
  return stdout.trim();
}

/** A new empty temporary directory (real path, no symlinks), removed by `cleanupAll()`. */
export async function createTempDir(prefix = 'perfbot-test-'): Promise<string> {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), prefix)));
  created.add(dir);
  return dir;
}

/** Writes (or deletes) files in `dir`, creating parent directories. */
export async function writeFiles(dir: string, files: FileTree): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    const target = path.join(dir, relative);
    if (content === null) {
      await rm(target, { force: true });
    } else {
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  }
}

/** Writes `files`, stages everything and commits; returns the new commit's SHA. */
export async function commitFiles(dir: string, files: FileTree, message: string): Promise<string> {
  await writeFiles(dir, files);
  await gitIn(dir, 'add', '--all');
  await gitIn(dir, 'commit', '--quiet', '--allow-empty', '-m', message);
  return gitIn(dir, 'rev-parse', 'HEAD');
}

/**
 * A repository on branch `branch` (default `main`) with one commit of `files` (if given), then one commit
 * per entry of `commits`.
 */
export async function createTempRepo(
  spec: { files?: FileTree; commits?: CommitSpec[]; branch?: string } = {},
): Promise<TempRepo> {
  const dir = await createTempDir('perfbot-repo-');
  await gitIn(dir, 'init', '--quiet', '-b', spec.branch ?? 'main');
  const shas: string[] = [];
  if (spec.files) shas.push(await commitFiles(dir, spec.files, 'initial commit'));
  for (const commit of spec.commits ?? []) shas.push(await commitFiles(dir, commit.files, commit.message));
  return { dir, shas, git: (...args) => gitIn(dir, ...args), cleanup: () => removeDir(dir) };
}

/** A bare clone of `fromDir` with all its branches and tags, usable as a `file://` remote. */
export async function createBareRemote(fromDir: string): Promise<BareRemote> {
  const parent = await createTempDir('perfbot-remote-');
  const dir = path.join(parent, 'remote.git');
  await gitIn(parent, 'clone', '--quiet', '--bare', fromDir, dir);
  return { dir, url: `file://${dir}`, git: (...args) => gitIn(dir, ...args), cleanup: () => removeDir(parent) };
}

/** Removes every directory created by these helpers. */
export async function cleanupAll(): Promise<void> {
  for (const dir of [...created]) await removeDir(dir);
}

async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  created.delete(dir);
}
