import { randomUUID } from 'node:crypto';
import { lstat, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The complete config of every mirror. It is a constant rather than a snapshot so that nothing an
 * attacker can write (not even a snapshot file) decides what it contains. The mirror needs no remote:
 * every fetch names its URL and refspecs explicitly. (Linux/ext4 values; a case-insensitive filesystem
 * would also want `core.ignorecase`.)
 */
export const TRUSTED_MIRROR_CONFIG = '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = true\n';

/**
 * Paths inside a mirror that change how git behaves and that a mirror never needs. Any of them may have
 * been planted through a linked worktree (whose `.git` leads into the mirror): hooks, attributes that
 * name filter drivers, grafts and alternates that swap history, legacy remote definitions, per-worktree
 * config. Deleting beats inspecting: an empty state is the trusted state.
 */
const PLANTABLE = [
  'hooks',
  'info/attributes',
  'info/grafts',
  'objects/info/alternates',
  'objects/info/http-alternates',
  'remotes',
  'branches',
] as const;

/**
 * Restores a mirror (or the optimize pipeline's trusted repository, which needs nothing else either) to its
 * trusted state: rewrites `config` if it differs from `TRUSTED_MIRROR_CONFIG`
 * and deletes every `PLANTABLE` path and every `worktrees/<name>/config.worktree`. Call it, under the
 * mirror lock, before any git command on the mirror and whenever a worktree is removed. Returns the
 * repository-relative paths it had to fix (empty when nothing was planted), for logging.
 */
export async function sanitizeMirror(mirrorDir: string): Promise<string[]> {
  const fixed: string[] = [];
  const configPath = path.join(mirrorDir, 'config');
  const current = await readFile(configPath, 'utf8').catch(() => undefined);
  if (current !== TRUSTED_MIRROR_CONFIG) {
    // Unique per call: two concurrent sanitizes of one repository must not rename each other's file away.
    const temp = `${configPath}.perfbot-${process.pid}-${randomUUID()}.tmp`;
    await writeFile(temp, TRUSTED_MIRROR_CONFIG);
    await rename(temp, configPath);
    fixed.push('config');
  }
  const worktreeConfigs = (await readdir(path.join(mirrorDir, 'worktrees')).catch(() => [])).map((name) =>
    path.join('worktrees', name, 'config.worktree'),
  );
  for (const relative of [...PLANTABLE, ...worktreeConfigs]) {
    const target = path.join(mirrorDir, relative);
    if (await exists(target)) {
      await rm(target, { recursive: true, force: true });
      fixed.push(relative);
    }
  }
  return fixed;
}

async function exists(target: string): Promise<boolean> {
  return lstat(target).then(
    () => true,
    () => false,
  );
}
