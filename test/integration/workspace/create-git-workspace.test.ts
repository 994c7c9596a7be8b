import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceError } from '../../../src/domain/errors.ts';
import { createGitWorkspace } from '../../../src/workspace/create-git-workspace.ts';
import { TRUSTED_MIRROR_CONFIG } from '../../../src/workspace/sanitize-mirror.ts';
import type { BareRemote, TempRepo } from '../../helpers/git-fixtures.ts';
import {
  cleanupAll,
  commitFiles,
  createBareRemote,
  createTempDir,
  createTempRepo,
  gitIn,
} from '../../helpers/git-fixtures.ts';

let repo: TempRepo;
let remote: BareRemote;
let featureSha: string;
let prSha: string;

beforeAll(async () => {
  repo = await createTempRepo({
    files: { 'bench.sh': 'echo 1\n' },
    commits: [{ files: { 'src/a.txt': 'a\n' }, message: 'second' }],
  });
  await repo.git('checkout', '--quiet', '-b', 'feature');
  featureSha = await commitFiles(repo.dir, { 'src/a.txt': 'faster\n', 'new.txt': 'n\n' }, 'speed up');
  await repo.git('checkout', '--quiet', 'main');
  remote = await createBareRemote(repo.dir);
  // What GitHub has for a pull request from a fork: a ref outside refs/heads.
  prSha = await commitFiles(repo.dir, { 'pr.txt': 'pr\n' }, 'pull request commit');
  await repo.git('push', '--quiet', remote.url, `${prSha}:refs/pull/7/head`);
  await repo.git('reset', '--quiet', '--hard', 'HEAD~1');
});

afterAll(cleanupAll);

async function newWorkspace() {
  const workDir = await createTempDir('perfbot-work-');
  return { workDir, workspace: createGitWorkspace({ workDir, cloneUrl: remote.url }) };
}

describe('createGitWorkspace', () => {
  it('resolves branches, pull request refs and SHAs through a bare mirror under workDir', async () => {
    const { workDir, workspace } = await newWorkspace();
    expect(await workspace.resolveRef('main')).toBe(repo.shas[1]);
    expect(await workspace.resolveRef('feature')).toBe(featureSha);
    expect(await workspace.resolveRef('refs/pull/7/head')).toBe(prSha);
    expect(await workspace.resolveRef('pull/7/head')).toBe(prSha);
    expect(await workspace.resolveRef(repo.shas[0]!)).toBe(repo.shas[0]);
    expect(await workspace.resolveRef(featureSha.slice(0, 10))).toBe(featureSha);

    const mirrors = await readdir(path.join(workDir, 'mirrors'));
    expect(mirrors).toEqual([`${workspace.repoId}.git`]);
    expect(workspace.repoId).toMatch(/^local_remote-[0-9a-f]{8}$/);
    const mirrorDir = path.join(workDir, 'mirrors', mirrors[0]!);
    expect(await readFile(path.join(mirrorDir, 'config'), 'utf8')).toBe(TRUSTED_MIRROR_CONFIG);
    // The first SHA was already in the mirror (history of main), so it was not fetched or pinned again.
    expect(await gitIn(mirrorDir, 'for-each-ref', '--format=%(refname)')).toBe(
      ['refs/pull/7/head', 'refs/remotes/origin/feature', 'refs/remotes/origin/main'].join('\n'),
    );
  });

  it('picks up new commits on the remote when a branch is resolved again', async () => {
    const { workspace } = await newWorkspace();
    const before = await workspace.resolveRef('feature');
    await repo.git('checkout', '--quiet', 'feature');
    const next = await commitFiles(repo.dir, { 'more.txt': 'm\n' }, 'more');
    await repo.git('push', '--quiet', remote.url, 'feature');
    await repo.git('checkout', '--quiet', 'main');
    expect(before).toBe(featureSha);
    expect(await workspace.resolveRef('feature')).toBe(next);
    await remote.git('update-ref', 'refs/heads/feature', featureSha);
  });

  it('computes the merge base and the default branch', async () => {
    const { workspace } = await newWorkspace();
    expect(await workspace.mergeBase('main', 'feature')).toBe(repo.shas[1]);
    expect(await workspace.mergeBase(featureSha, 'refs/pull/7/head')).toBe(repo.shas[1]);
    expect(await workspace.defaultBranch()).toBe('main');
  });

  it('reports an unknown ref as a user error naming the ref and the repository', async () => {
    const { workspace } = await newWorkspace();
    const error = await workspace.resolveRef('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkspaceError);
    expect((error as WorkspaceError).userError).toBe(true);
    expect((error as WorkspaceError).message).toMatch(
      new RegExp(`^ref 'nope' not found in ${workspace.repoId}: .*couldn't find remote ref refs/heads/nope`),
    );
    const missingSha = 'f'.repeat(40);
    const shaError = (await workspace.resolveRef(missingSha).catch((e: unknown) => e)) as WorkspaceError;
    expect(shaError.userError).toBe(true);
    expect(shaError.message).toContain(`ref '${missingSha}' not found in ${workspace.repoId}`);
  });

  it('rejects refs that could be read as git options before running git', async () => {
    const { workspace } = await newWorkspace();
    const error = (await workspace
      .resolveRef('--upload-pack=touch /tmp/pwned')
      .catch((e: unknown) => e)) as WorkspaceError;
    expect(error).toBeInstanceOf(WorkspaceError);
    expect(error.message).toBe("'--upload-pack=touch /tmp/pwned' is not a valid git ref name");
    expect(error.userError).toBe(true);
  });

  it('creates a worktree on perf/<task> at the SHA and removes it idempotently', async () => {
    const { workDir, workspace } = await newWorkspace();
    const worktree = await workspace.createWorktree('job-1', featureSha);
    expect(worktree).toMatchObject({
      path: path.join(workDir, 'worktrees', 'job-1'),
      branch: 'perf/job-1',
      sha: featureSha,
    });
    expect(await readFile(path.join(worktree.path, 'src/a.txt'), 'utf8')).toBe('faster\n');
    expect(await gitIn(worktree.path, 'rev-parse', 'HEAD', '--abbrev-ref', 'HEAD')).toBe(`${featureSha}\nperf/job-1`);

    await worktree.remove();
    await worktree.remove();
    expect(await stat(worktree.path).catch(() => 'gone')).toBe('gone');
    const mirrorDir = path.join(workDir, 'mirrors', `${workspace.repoId}.git`);
    expect(await gitIn(mirrorDir, 'worktree', 'list', '--porcelain')).toBe(`worktree ${mirrorDir}\nbare`);
    expect(await gitIn(mirrorDir, 'branch', '--list', 'perf/*')).toBe('');
  });

  it('reports changed, new and deleted files of a worktree as a patch that applies to the base', async () => {
    const { workspace } = await newWorkspace();
    const worktree = await workspace.createWorktree('job-diff', repo.shas[1]!);
    const { writeFile, rm } = await import('node:fs/promises');
    await writeFile(path.join(worktree.path, 'src/a.txt'), 'changed\n');
    await writeFile(path.join(worktree.path, 'added.txt'), 'added\n');
    await rm(path.join(worktree.path, 'bench.sh'));
    const diff = await worktree.diff();
    expect(diff.files).toEqual(['added.txt', 'bench.sh', 'src/a.txt']);
    expect(diff.patch).toContain('+changed\n');
    expect(await gitIn(worktree.path, 'status', '--porcelain')).toBe('D bench.sh\n M src/a.txt\n?? added.txt');

    const check = await createTempRepo();
    await check.git('fetch', '--quiet', remote.url, 'main');
    await check.git('checkout', '--quiet', 'FETCH_HEAD');
    await writeFile(path.join(check.dir, 'change.patch'), diff.patch);
    await check.git('apply', '--index', 'change.patch');
    expect(await readFile(path.join(check.dir, 'added.txt'), 'utf8')).toBe('added\n');
    await worktree.remove();
    const clean = await workspace.createWorktree('job-clean', repo.shas[1]!);
    expect(await clean.diff()).toEqual({ patch: '', files: [] });
    await clean.remove();
  });

  it('replaces a leftover worktree of the same task from a dead process', async () => {
    const { workDir, workspace } = await newWorkspace();
    const first = await workspace.createWorktree('job-again', repo.shas[0]!);
    const mirrorDir = path.join(workDir, 'mirrors', `${workspace.repoId}.git`);
    const { writeFile } = await import('node:fs/promises');
    // Pretend the process that created it died: its lock names a pid that cannot exist.
    await writeFile(
      path.join(mirrorDir, 'worktrees', 'job-again', 'locked'),
      'perfbot pid=999999999 host=' + (await import('node:os')).hostname(),
    );
    const second = await workspace.createWorktree('job-again', featureSha);
    expect(second.path).toBe(first.path);
    expect(await gitIn(second.path, 'rev-parse', 'HEAD')).toBe(featureSha);
    await second.remove();
  });

  it('refuses to take over a worktree that a live process holds', async () => {
    const { workspace } = await newWorkspace();
    const held = await workspace.createWorktree('job-held', repo.shas[0]!);
    const error = (await workspace.createWorktree('job-held', featureSha).catch((e: unknown) => e)) as WorkspaceError;
    expect(error).toBeInstanceOf(WorkspaceError);
    expect(error.message).toBe(`worktree ${held.path} is in use by live process ${process.pid}`);
    expect(await gitIn(held.path, 'rev-parse', 'HEAD')).toBe(repo.shas[0]);
    await held.remove();
  });
});
