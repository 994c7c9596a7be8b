import { describe, expect, it } from 'vitest';
import { validateDiff, type DiffFile } from '../../../src/pipeline/diff-rules/validate-diff.ts';

function modified(path: string, extra: Partial<DiffFile> = {}): DiffFile {
  return { path, status: 'M', mode: '100644', binary: false, sizeBytes: 2_000, ...extra };
}

const CI = 'CI configuration may not be changed by the agent: it would change what verifies its own work';
const LOCK = 'lockfiles may not be changed: an optimization must not change dependency versions';
const AGENT = 'agent configuration may not be changed: it steers the agents that review and build on this change';
const OUTSIDE = 'outside the paths the agent may change (optimize.allowedPaths: src/**, lib/*.ts)';

describe('validateDiff', () => {
  it('accepts ordinary source changes inside the allowed paths', () => {
    const files = [
      modified('src/parse.ts'),
      modified('src/deep/x.ts', { status: 'A' }),
      modified('lib/a.ts', { status: 'D' }),
    ];
    expect(validateDiff(files, ['src/**', 'lib/*.ts'])).toEqual({ ok: true, violations: [] });
  });

  it('allows everything that is not forbidden by default (`**`)', () => {
    expect(validateDiff([modified('README.md'), modified('scripts/run.sh', { mode: '100755' })]).ok).toBe(true);
  });

  it.each([
    ['.github/workflows/ci.yml', CI],
    ['.gitlab-ci.yml', CI],
    ['.circleci/config.yml', CI],
    ['.travis.yml', CI],
    ['azure-pipelines.yml', CI],
    ['Jenkinsfile', CI],
    ['.buildkite/pipeline.yml', CI],
    ['bitbucket-pipelines.yml', CI],
    ['.drone.yml', CI],
    ['package-lock.json', LOCK],
    ['packages/web/package-lock.json', LOCK],
    ['npm-shrinkwrap.json', LOCK],
    ['yarn.lock', LOCK],
    ['pnpm-lock.yaml', LOCK],
    ['bun.lockb', LOCK],
    ['Cargo.lock', LOCK],
    ['go.sum', LOCK],
    ['poetry.lock', LOCK],
    ['Pipfile.lock', LOCK],
    ['uv.lock', LOCK],
    ['Gemfile.lock', LOCK],
    ['composer.lock', LOCK],
    ['mix.lock', LOCK],
    ['ios/Podfile.lock', LOCK],
    ['packages.lock.json', LOCK],
    ['gradle.lockfile', LOCK],
    ['.gitmodules', '`.gitmodules` may not be changed: submodules pull in code from elsewhere'],
    ['CLAUDE.md', AGENT],
    ['src/CLAUDE.md', AGENT],
    ['claude.md', AGENT],
    ['.claude/settings.json', AGENT],
    ['.mcp.json', AGENT],
    ['AGENTS.md', AGENT],
    ['.codex/config.toml', AGENT],
    ['.aider.conf.yml', AGENT],
    ['.aiderignore', AGENT],
    ['bots/perf-results.md', "`bots/` is the workflow's scratch space and is never committed"],
    ['../outside.ts', 'paths with `..` or `.` segments could point outside the repository'],
    ['src/../../etc/passwd', 'paths with `..` or `.` segments could point outside the repository'],
    [
      '/etc/passwd',
      'absolute paths and backslashes are not allowed; the agent may only change files inside the repository',
    ],
    [
      'C:/x.ts',
      'absolute paths and backslashes are not allowed; the agent may only change files inside the repository',
    ],
    [
      'src\\a.ts',
      'absolute paths and backslashes are not allowed; the agent may only change files inside the repository',
    ],
    ['src/.git/config', 'files inside `.git/` are git internals, not part of the change'],
    ['src/a\nb.ts', 'the path is empty or contains control characters'],
  ])('rejects %s even when allowedPaths is **', (path, reason) => {
    expect(validateDiff([modified(path)], ['**'])).toEqual({ ok: false, violations: [{ path, reason }] });
  });

  it.each(['lib/deep/a.ts', 'test/parse.test.ts', 'srcx/a.ts'])('rejects %s outside src/** and lib/*.ts', (path) => {
    expect(validateDiff([modified(path)], ['src/**', 'lib/*.ts'])).toEqual({
      ok: false,
      violations: [{ path, reason: OUTSIDE }],
    });
  });

  it.each([
    [{ mode: '160000' }, 'submodule changes are not allowed: they pull in code from another repository'],
    [{ mode: '120000' }, 'symlinks are not allowed: they can point outside the repository'],
    [{ binary: true }, 'binary files are not allowed: reviewers cannot read them in a diff'],
    [{ sizeBytes: 1024 * 1024 + 1 }, 'the file is 1 MiB, over the 1 MiB limit for a file the agent writes'],
    [{ status: 'D' as const, mode: '120000' }, 'symlinks are not allowed: they can point outside the repository'],
  ])('rejects by content or type: %o', (extra, reason) => {
    expect(validateDiff([modified('src/x', extra)]).violations).toEqual([{ path: 'src/x', reason }]);
  });

  it('takes the size limit from the options, and ignores the size of a deletion', () => {
    expect(
      validateDiff([modified('src/a.ts', { sizeBytes: 3 * 1024 })], ['**'], { maxFileBytes: 2048 }).violations,
    ).toEqual([{ path: 'src/a.ts', reason: 'the file is 3 KiB, over the 2 KiB limit for a file the agent writes' }]);
    expect(validateDiff([modified('src/a.ts', { status: 'D', sizeBytes: 5 * 1024 * 1024 })]).ok).toBe(true);
    expect(validateDiff([modified('src/a.ts', { sizeBytes: 1024 * 1024 })]).ok).toBe(true);
  });

  it('checks both ends of a rename: moving a workflow out of .github is still a CI change', () => {
    const renamed = modified('src/ci.yml', { status: 'R', oldPath: '.github/workflows/ci.yml' });
    expect(validateDiff([renamed]).violations).toEqual([{ path: '.github/workflows/ci.yml', reason: CI }]);
    const copiedOut = modified('vendor/x.ts', { status: 'C', oldPath: 'src/x.ts' });
    expect(validateDiff([copiedOut], ['src/**']).violations).toEqual([
      { path: 'vendor/x.ts', reason: 'outside the paths the agent may change (optimize.allowedPaths: src/**)' },
    ]);
  });

  it('reports one violation per file (the first rule broken) and every bad file', () => {
    const result = validateDiff([
      modified('.github/x.bin', { binary: true }),
      modified('src/ok.ts'),
      modified('yarn.lock'),
    ]);
    expect(result).toEqual({
      ok: false,
      violations: [
        { path: '.github/x.bin', reason: CI },
        { path: 'yarn.lock', reason: LOCK },
      ],
    });
  });
});
