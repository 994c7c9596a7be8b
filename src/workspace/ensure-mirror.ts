import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { runGit } from './run-git.ts';
import { sanitizeMirror } from './sanitize-mirror.ts';

/**
 * Creates the bare mirror at `mirrorDir` if it does not exist yet. It is initialised in a temporary
 * directory next to it and renamed into place, so a crash never leaves a half-made mirror behind.
 * Call under the mirror lock.
 */
export async function ensureMirror(mirrorDir: string): Promise<void> {
  if (await isDirectory(mirrorDir)) return;
  const parent = path.dirname(mirrorDir);
  await mkdir(parent, { recursive: true });
  const temp = await mkdtemp(path.join(parent, '.init-'));
  try {
    await runGit({ cwd: parent, args: ['init', '--bare', '--quiet', temp] });
    await sanitizeMirror(temp);
    await rename(temp, mirrorDir);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

async function isDirectory(target: string): Promise<boolean> {
  return stat(target).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
