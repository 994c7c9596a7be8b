import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { simpleGit } from 'simple-git';
import { DEMO_BASE_FILES, DEMO_HEAD_FILES } from './demo-files.ts';

export interface DemoRepo {
  dir: string;
  baseSha: string;
  headSha: string;
}

/** Builds the demo repository in a fresh temp dir: `main` = base commit, `slow-sort` = head commit. */
export async function createDemoRepo(): Promise<DemoRepo> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'perfbot-demo-'));
  const git = simpleGit({ baseDir: dir }).env({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Perfbot Demo',
    GIT_AUTHOR_EMAIL: 'demo@perfbot.invalid',
    GIT_COMMITTER_NAME: 'Perfbot Demo',
    GIT_COMMITTER_EMAIL: 'demo@perfbot.invalid',
  });
  await git.init(['--initial-branch=main']);
  await writeFiles(dir, DEMO_BASE_FILES);
  await git.add('.').commit('Add parse, sort and hash with a benchmark harness');
  const baseSha = (await git.revparse(['HEAD'])).trim();
  await git.checkoutLocalBranch('slow-sort');
  await writeFiles(dir, DEMO_HEAD_FILES);
  await git.add('.').commit('sort: run two more rounds (a known slowdown)');
  const headSha = (await git.revparse(['HEAD'])).trim();
  return { dir, baseSha, headSha };
}

async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
}
