import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkspaceError } from '../../../src/domain/errors.ts';
import { createGitWorkspace } from '../../../src/workspace/create-git-workspace.ts';
import type { BareRemote, TempRepo } from '../../helpers/git-fixtures.ts';
import { cleanupAll, createBareRemote, createTempDir, createTempRepo, gitIn } from '../../helpers/git-fixtures.ts';
import { serveGitOverHttp, type GitHttpServer } from './serve-git-over-http.ts';

const TOKEN = 'ghs_TestToken0123456789abcdefABCDEF';
const credentials = { username: 'x-access-token', password: TOKEN };
const tokenForms = [
  TOKEN,
  Buffer.from(`x-access-token:${TOKEN}`).toString('base64'),
  Buffer.from(TOKEN).toString('base64'),
];

let repo: TempRepo;
let remote: BareRemote;
let server: GitHttpServer;

beforeAll(async () => {
  repo = await createTempRepo({ files: { 'a.txt': 'a\n' }, commits: [{ files: { 'b.txt': 'b\n' }, message: 'b' }] });
  remote = await createBareRemote(repo.dir);
  server = await serveGitOverHttp(remote.dir, credentials, { delayMs: 150 });
});

afterAll(async () => {
  await server.close();
  await cleanupAll();
});

/** Every file under `dir` (git metadata included) whose bytes contain any form of the token. */
async function filesContainingToken(dir: string): Promise<string[]> {
  const hits: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const bytes = await readFile(file);
    if (tokenForms.some((form) => bytes.includes(form))) hits.push(file);
  }
  return hits;
}

/** Command lines of all processes on the machine (what `ps` shows), with NULs as spaces. */
async function commandLines(): Promise<string[]> {
  const lines: string[] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmdline) lines.push(cmdline.replace(/\0/g, ' '));
  }
  return lines;
}

describe('credentials', () => {
  it('authenticates over HTTP without the token reaching argv, URLs, or any file of the mirror or worktree', async () => {
    const workDir = await createTempDir('perfbot-work-');
    const workspace = createGitWorkspace({ workDir, cloneUrl: server.url, credentials });
    let polling = true;
    const seen = new Set<string>();
    const poll = (async () => {
      while (polling) for (const line of await commandLines()) seen.add(line);
    })();
    const sha = await workspace.resolveRef('main');
    const branch = await workspace.defaultBranch();
    polling = false;
    await poll;

    expect(sha).toBe(repo.shas[1]);
    expect(branch).toBe('main');
    // The poll did see the git commands talking to the server (so it could have seen a token)…
    expect([...seen].some((line) => line.startsWith('git') && line.includes(server.url))).toBe(true);
    // …and none of them, nor anything else, had the token on its command line.
    expect([...seen].filter((line) => line.includes(TOKEN))).toEqual([]);
    expect(server.requests.some((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
    expect(server.requests.filter((r) => tokenForms.some((form) => r.url.includes(form)))).toEqual([]);

    const worktree = await workspace.createWorktree('job-token', sha);
    expect(await readFile(path.join(worktree.path, 'b.txt'), 'utf8')).toBe('b\n');
    expect(await filesContainingToken(workDir)).toEqual([]);
    const mirrorDir = path.join(workDir, 'mirrors', `${workspace.repoId}.git`);
    expect(await gitIn(mirrorDir, 'config', '--list', '--local')).toBe(
      'core.repositoryformatversion=0\ncore.filemode=true\ncore.bare=true',
    );
    await worktree.remove();
  });

  it('asks a credentials function for fresh credentials before each network command', async () => {
    const workDir = await createTempDir('perfbot-work-');
    let calls = 0;
    const workspace = createGitWorkspace({
      workDir,
      cloneUrl: server.url,
      credentials: async () => {
        calls += 1;
        return credentials;
      },
    });
    await workspace.fetchRefs(['main']);
    await workspace.defaultBranch();
    expect(calls).toBe(2);
  });

  it('takes credentials out of a clone URL and never stores them', async () => {
    const workDir = await createTempDir('perfbot-work-');
    const withToken = server.url.replace('http://', `http://x-access-token:${TOKEN}@`);
    const workspace = createGitWorkspace({ workDir, cloneUrl: withToken });
    expect(await workspace.resolveRef('main')).toBe(repo.shas[1]);
    expect(workspace.repoId).not.toContain(TOKEN);
    expect(await filesContainingToken(workDir)).toEqual([]);

    const missing = createGitWorkspace({ workDir, cloneUrl: withToken.replace('remote.git', 'missing.git') });
    const error = (await missing.resolveRef('main').catch((e: unknown) => e)) as WorkspaceError;
    expect(error).toBeInstanceOf(WorkspaceError);
    expect(error.userError).toBe(false);
    expect(error.message).toContain(`fetching from ${server.url.replace('remote.git', 'missing.git')} failed`);
    expect(tokenForms.filter((form) => error.message.includes(form) || String(error.cause).includes(form))).toEqual([]);
  });

  it('fails a fetch with a wrong token, or none, with an error that contains no token', async () => {
    const wrongToken = 'ghs_WrongToken9876543210zyxwvuZYXWVU';
    const workDir = await createTempDir('perfbot-work-');
    for (const attempt of [{ username: 'x-access-token', password: wrongToken }, undefined]) {
      const workspace = createGitWorkspace({
        workDir,
        cloneUrl: server.url,
        ...(attempt ? { credentials: attempt } : {}),
      });
      const error = (await workspace.resolveRef('main').catch((e: unknown) => e)) as WorkspaceError;
      expect(error).toBeInstanceOf(WorkspaceError);
      expect(error.userError).toBe(false);
      expect(error.message).toMatch(/^fetching from http:\/\/127\.0\.0\.1:\d+\/remote\.git failed: /);
      expect(error.message).not.toContain(wrongToken);
      expect(error.message).not.toContain(TOKEN);
    }
  });

  it('redacts the token when git itself echoes it in an error', async () => {
    const workDir = await createTempDir('perfbot-work-');
    // A path-like "URL" whose text contains the token: git repeats it verbatim in its error message.
    const workspace = createGitWorkspace({ workDir, cloneUrl: `/nonexistent/${TOKEN}/repo.git`, credentials });
    const error = (await workspace.resolveRef('main').catch((e: unknown) => e)) as WorkspaceError;
    expect(error).toBeInstanceOf(WorkspaceError);
    expect(error.message).toContain("'/nonexistent/***/repo.git' does not appear to be a git repository");
    expect(error.message).not.toContain(TOKEN);
  });
});
