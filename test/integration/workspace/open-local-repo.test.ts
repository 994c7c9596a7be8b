import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WorkspaceError } from '../../../src/domain/errors.ts';
import { createLocalWorkspace } from '../../../src/workspace/open-local-repo.ts';
import {
  cleanupAll,
  commitFiles,
  createBareRemote,
  createTempDir,
  createTempRepo,
  gitIn,
} from '../../helpers/git-fixtures.ts';

afterAll(cleanupAll);

async function userRepo() {
  const repo = await createTempRepo({
    files: { 'v.txt': '1\n' },
    commits: [{ files: { 'v.txt': '2\n' }, message: 'two' }],
  });
  await repo.git('checkout', '--quiet', '-b', 'feature');
  const feature = await commitFiles(repo.dir, { 'v.txt': '3\n' }, 'three');
  return { repo, feature };
}

describe('createLocalWorkspace', () => {
  it('resolves HEAD, HEAD~1, branch names and short SHAs as in the user repository', async () => {
    const { repo, feature } = await userRepo();
    const workspace = await createLocalWorkspace(repo.dir, await createTempDir('perfbot-work-'));
    expect(await workspace.resolveRef('HEAD')).toBe(feature);
    expect(await workspace.resolveRef('HEAD~1')).toBe(repo.shas[1]);
    expect(await workspace.resolveRef('main')).toBe(repo.shas[1]);
    expect(await workspace.resolveRef(repo.shas[0]!.slice(0, 7))).toBe(repo.shas[0]);
    expect(await workspace.mergeBase('main', 'HEAD')).toBe(repo.shas[1]);
  });

  it('accepts a subdirectory of the repository and never touches the working copy', async () => {
    const { repo, feature } = await userRepo();
    await writeFile(path.join(repo.dir, 'v.txt'), 'uncommitted\n');
    await commitFiles(repo.dir, { 'sub/x.txt': 'x\n' }, 'sub').then(() => repo.git('reset', '--quiet', 'HEAD~1'));
    const statusBefore = await repo.git('status', '--porcelain');
    const workspace = await createLocalWorkspace(path.join(repo.dir, 'sub'), await createTempDir('perfbot-work-'));
    const worktree = await workspace.createWorktree('local-1', 'HEAD');
    expect(worktree.sha).toBe(feature);
    expect(await readFile(path.join(worktree.path, 'v.txt'), 'utf8')).toBe('3\n');
    await worktree.remove();
    expect(await repo.git('status', '--porcelain')).toBe(statusBefore);
    expect(await repo.git('worktree', 'list', '--porcelain')).toBe(
      `worktree ${repo.dir}\nHEAD ${feature}\nbranch refs/heads/feature`,
    );
  });

  it('uses origin/HEAD as the default branch, else main or master, else asks for --base', async () => {
    const { repo } = await userRepo();
    const workDir = await createTempDir('perfbot-work-');
    expect(await (await createLocalWorkspace(repo.dir, workDir)).defaultBranch()).toBe('main');

    const remote = await createBareRemote(repo.dir);
    await remote.git('symbolic-ref', 'HEAD', 'refs/heads/main');
    const clone = await createTempDir('perfbot-clone-');
    await gitIn(clone, 'clone', '--quiet', remote.url, 'c');
    const cloneDir = path.join(clone, 'c');
    await gitIn(cloneDir, 'checkout', '--quiet', 'feature');
    const fromClone = await createLocalWorkspace(cloneDir, workDir);
    expect(await fromClone.defaultBranch()).toBe('origin/main');
    expect(await fromClone.resolveRef('origin/main')).toBe(repo.shas[1]);

    const other = await createTempRepo({ files: { 'a.txt': 'a\n' }, branch: 'trunk' });
    const error = (await (
      await createLocalWorkspace(other.dir, workDir)
    )
      .defaultBranch()
      .catch((e: unknown) => e)) as WorkspaceError;
    expect(error).toBeInstanceOf(WorkspaceError);
    expect(error.userError).toBe(true);
    expect(error.message).toBe(
      `cannot tell the default branch of ${other.dir}: no origin/HEAD and no 'main' or 'master' branch; pass --base <ref>`,
    );
  });

  it('explains a path that is not a repository and a ref that does not exist', async () => {
    const notRepo = await createTempDir('perfbot-plain-');
    const workDir = await createTempDir('perfbot-work-');
    const error = (await createLocalWorkspace(notRepo, workDir).catch((e: unknown) => e)) as WorkspaceError;
    expect(error).toBeInstanceOf(WorkspaceError);
    expect(error.userError).toBe(true);
    expect(error.message).toBe(`'${notRepo}' is not a git repository`);
    const missing = (await createLocalWorkspace('/tmp/perfbot-does-not-exist', workDir).catch(
      (e: unknown) => e,
    )) as WorkspaceError;
    expect(missing.message).toBe("'/tmp/perfbot-does-not-exist' is not a git repository: no such directory");

    const { repo } = await userRepo();
    const workspace = await createLocalWorkspace(repo.dir, workDir);
    const refError = (await workspace.resolveRef('nope').catch((e: unknown) => e)) as WorkspaceError;
    expect(refError.userError).toBe(true);
    expect(refError.message).toBe(`ref 'nope' not found in ${repo.dir}: fatal: Needed a single revision`);
  });
});
