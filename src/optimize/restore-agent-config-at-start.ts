import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { restoreAgentConfig } from '../agents/restore-agent-config.ts';
import type { OptimizeContext } from './optimize-context.ts';

/**
 * Puts the starting commit's agent configuration (`CLAUDE.md`, `.claude/`, `.mcp.json`…) back into the
 * worktree before an agent runs, read from the trusted repository (a symlink there counts as absent), so an
 * earlier agent's edits there cannot steer the next one. The diff rules reject such edits anyway; this keeps
 * them from acting in the meantime.
 */
export async function restoreAgentConfigAtStart(ctx: OptimizeContext, worktreeDir: string): Promise<void> {
  const { trusted, start } = ctx;
  await trusted.ensureCommit(start.sha);
  // One listing of the commit answers "is it a file there?" for every path, so only files that exist are read.
  const files = await trusted.listTree(start.sha);
  const { restored } = await restoreAgentConfig({
    worktreeDir,
    readBaseFile: async (repoPath) => (files.has(repoPath) ? trusted.readFile(start.sha, repoPath) : null),
    listBaseDir: (repoPath) => Promise.resolve([...files.keys()].filter((file) => file.startsWith(`${repoPath}/`))),
  });
  // Restored files are written 0644; an executable one (a `.husky/` hook) would otherwise show up in the diff
  // as a mode change the diff rules reject in every iteration.
  for (const file of restored) if (files.get(file) === '100755') await chmod(path.join(worktreeDir, file), 0o755);
}
