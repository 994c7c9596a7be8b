import { lstat, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BOTS_DIR } from './run-files.ts';

/**
 * Writes `bots/<name>` in a worktree where untrusted code has run: `bots` or the file may have been replaced
 * by a symlink pointing anywhere, so whatever is there is removed first and the file is created exclusively
 * (`wx`), never followed.
 */
export async function writeBotFile(worktreeDir: string, name: string, text: string): Promise<void> {
  const folder = path.join(worktreeDir, BOTS_DIR);
  const isFolder = await lstat(folder).then(
    (entry) => entry.isDirectory(),
    () => false,
  );
  if (!isFolder) {
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder);
  }
  const file = path.join(folder, name);
  await rm(file, { recursive: true, force: true });
  await writeFile(file, text, { flag: 'wx' });
}
