import { pathGlobToRegExp } from './match-path-glob.ts';

/** One file of the agent's diff, as `git diff --raw`/`--numstat` describe it. */
export interface DiffFile {
  path: string;
  /** Added, Modified, Deleted, Renamed, Copied, Type changed. */
  status: 'A' | 'M' | 'D' | 'R' | 'C' | 'T';
  /** The source path of a rename or copy. */
  oldPath?: string;
  /** Git file mode: `100644` file, `100755` executable, `120000` symlink, `160000` submodule. */
  mode?: string;
  binary: boolean;
  sizeBytes?: number;
}

export interface DiffCheck {
  ok: boolean;
  violations: { path: string; reason: string }[];
}

export interface ValidateDiffOptions {
  /** Largest file the agent may write; default 1 MiB. */
  maxFileBytes?: number;
  /**
   * Globs of the benchmark and test files (`protectedPaths`): touching one, even inside `allowedPaths`, would
   * change what is measured or checked instead of the code. Default none.
   */
  protectedPaths?: readonly string[];
}

const MIB = 1024 * 1024;

const CI_FILES = new Set([
  '.gitlab-ci.yml',
  '.travis.yml',
  'azure-pipelines.yml',
  'jenkinsfile',
  'bitbucket-pipelines.yml',
  '.drone.yml',
]);
const CI_DIRECTORIES = new Set(['.github', '.circleci', '.buildkite']);
const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'cargo.lock',
  'go.sum',
  'poetry.lock',
  'pipfile.lock',
  'uv.lock',
  'gemfile.lock',
  'composer.lock',
  'mix.lock',
  'podfile.lock',
  'packages.lock.json',
  'gradle.lockfile',
]);
const AGENT_FILES = new Set(['claude.md', '.mcp.json', 'agents.md']);
const AGENT_DIRECTORIES = new Set(['.claude', '.codex']);

/**
 * Checks the agent's changes before they are verified or committed. The agent is untrusted: it may only
 * change source files inside `allowedPaths` (path-aware globs, see `matchPathGlob`), and never what would
 * change how CI, dependency resolution or other agents behave, nor anything git or a reviewer cannot read as
 * text. Rejected, whatever `allowedPaths` says:
 * - paths that are absolute, contain `..`, backslashes or control characters, or point into `.git/`;
 * - CI configuration (`.github/`, `.circleci/`, `.buildkite/`, GitLab, Travis, Azure, Jenkins, Bitbucket, Drone);
 * - lockfiles of every common package manager, `.gitmodules` and submodule entries (mode 160000);
 * - symlinks (mode 120000), binary files, and files larger than `maxFileBytes`;
 * - agent configuration (`CLAUDE.md`, `.claude/`, `.mcp.json`, `AGENTS.md`, `.codex/`, `.aider*`) and `bots/`;
 * - protected files (`options.protectedPaths`: benchmarks, tests, fixtures, `perf.yml`), also compared lowercased,
 *   so deleting or renaming a test file is rejected like editing it.
 * Names are compared case-insensitively and at any depth (a nested `CLAUDE.md` is read by agents too), except
 * `bots/`, which is the workflow's blackboard at the worktree root. Renames and copies are checked at both ends.
 * A file gets one violation: the first rule it breaks, in the order above. Reasons are shown to users.
 */
export function validateDiff(
  files: readonly DiffFile[],
  allowedPaths: readonly string[] = ['**'],
  options: ValidateDiffOptions = {},
): DiffCheck {
  const allowed = allowedPaths.map((glob) => pathGlobToRegExp(glob));
  const maxBytes = options.maxFileBytes ?? MIB;
  const guarded = (options.protectedPaths ?? []).map((glob) => ({ glob, pattern: pathGlobToRegExp(glob) }));
  const protection = (path: string) => {
    const hit = guarded.find(({ pattern }) => pattern.test(path) || pattern.test(path.toLowerCase()));
    return hit === undefined ? undefined : protectedReason(hit.glob);
  };
  const violations: DiffCheck['violations'] = [];
  for (const file of files) {
    const ends = file.oldPath !== undefined && file.oldPath !== file.path ? [file.path, file.oldPath] : [file.path];
    const pathViolation = ends
      .map((path) => ({
        path,
        reason:
          pathProblem(path) ??
          protection(path) ??
          (allowed.some((glob) => glob.test(path)) ? undefined : outside(allowedPaths)),
      }))
      .find((candidate) => candidate.reason !== undefined);
    const reason = pathViolation?.reason ?? contentProblem(file, maxBytes);
    if (reason !== undefined) violations.push({ path: pathViolation?.path ?? file.path, reason });
  }
  return { ok: violations.length === 0, violations };
}

/** The first rule the path itself breaks, or undefined. */
function pathProblem(path: string): string | undefined {
  if (path === '' || /[\u0000-\u001f\u007f]/.test(path)) return 'the path is empty or contains control characters';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\')) {
    return 'absolute paths and backslashes are not allowed; the agent may only change files inside the repository';
  }
  const segments = path.split('/');
  const lower = segments.map((segment) => segment.toLowerCase());
  const name = lower[lower.length - 1] ?? '';
  if (segments.includes('..') || segments.includes('.'))
    return 'paths with `..` or `.` segments could point outside the repository';
  if (lower.includes('.git')) return 'files inside `.git/` are git internals, not part of the change';
  if (lower.slice(0, -1).some((segment) => CI_DIRECTORIES.has(segment)) || CI_FILES.has(name)) {
    return 'CI configuration may not be changed by the agent: it would change what verifies its own work';
  }
  if (LOCKFILES.has(name)) return 'lockfiles may not be changed: an optimization must not change dependency versions';
  if (name === '.gitmodules') return '`.gitmodules` may not be changed: submodules pull in code from elsewhere';
  if (
    AGENT_FILES.has(name) ||
    name.startsWith('.aider') ||
    lower.slice(0, -1).some((segment) => AGENT_DIRECTORIES.has(segment))
  ) {
    return 'agent configuration may not be changed: it steers the agents that review and build on this change';
  }
  if (lower[0] === 'bots' && segments.length > 1)
    return "`bots/` is the workflow's scratch space and is never committed";
  return undefined;
}

/** The first rule the file's content or type breaks, or undefined. Deleting such a file is still a change to it. */
function contentProblem(file: DiffFile, maxBytes: number): string | undefined {
  if (file.mode === '160000') return 'submodule changes are not allowed: they pull in code from another repository';
  if (file.mode === '120000') return 'symlinks are not allowed: they can point outside the repository';
  if (file.binary) return 'binary files are not allowed: reviewers cannot read them in a diff';
  if (file.status !== 'D' && file.sizeBytes !== undefined && file.sizeBytes > maxBytes) {
    return `the file is ${formatBytes(file.sizeBytes)}, over the ${formatBytes(maxBytes)} limit for a file the agent writes`;
  }
  return undefined;
}

function protectedReason(glob: string): string {
  return `protected (${glob}): benchmarks, tests, their fixtures and perf.yml define what is measured and checked, so an optimization may not change them (optimize.protect adds more)`;
}

function outside(allowedPaths: readonly string[]): string {
  return `outside the paths the agent may change (optimize.allowedPaths: ${allowedPaths.join(', ')})`;
}

function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${Math.round((bytes / MIB) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} B`;
}
