import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { DiffCheck, DiffFile } from '../pipeline/diff-rules/validate-diff.ts';
import { checkDiffRules } from './check-diff-rules.ts';
import type { Worktree } from '../workspace/workspace.ts';
import { describePatchFiles } from './describe-patch-files.ts';
import type { DiffRules } from './diff-rules-from-config.ts';
import { BOTS_DIR } from './run-files.ts';
import { joinPatch, splitPatch } from './split-patch.ts';

/** The agent's change as Perfbot sees it: `bots/` left out, every other file checked by the diff rules. */
export interface CollectedChange {
  /** The patch without `bots/`; what VERIFY measures, REVIEW shows and COMMIT commits once it is valid. */
  patch: string;
  files: DiffFile[];
  check: DiffCheck;
}

/**
 * Reads the worktree's change against its starting commit (`Worktree.diff()`, hardened against planted git
 * config) and checks it with the diff rules (`checkDiffRules`). `bots/` is the workflow's own scratch space, written by Perfbot
 * and by agents, so it is not part of the change rather than a violation.
 */
export async function collectChange(worktree: Worktree, rules: DiffRules): Promise<CollectedChange> {
  const diff = await worktree.diff();
  const sections = splitPatch(diff.patch).filter((section) => section.path.split('/')[0] !== BOTS_DIR);
  const files = describePatchFiles(sections);
  for (const file of files) {
    if (file.status === 'D') continue;
    const entry = await lstat(path.join(worktree.path, file.path)).catch(() => undefined);
    if (entry !== undefined) file.sizeBytes = entry.size;
  }
  return { patch: joinPatch(sections), files, check: checkDiffRules(files, sections, rules) };
}
