import { PatchIntegrityError } from '../domain/errors.ts';
import { checkDiffRules } from './check-diff-rules.ts';
import type { CommitPatchInput, TrustedRepo } from './create-trusted-repo.ts';
import type { DiffRules } from './diff-rules-from-config.ts';
import { splitPatch } from './split-patch.ts';

export interface CommitValidatedPatchInput extends CommitPatchInput {
  /** The iteration the patch belongs to, for the error. */
  iteration: number;
  /** `optimize.allowedPaths` and the protected files (`diffRulesFromConfig`). */
  rules: DiffRules;
}

/**
 * `TrustedRepo.commitPatch`, then the diff rules once more on what the commit actually carries (the files of its
 * tree against the parent's, not what the patch's headers claim), so the rules OPTIMIZE applied to the agent's
 * worktree also hold for the exact bytes committed. The skip-marker rule reads the patch text, which is what
 * the commit was built from (its SHA-256 checked by the caller). The commit object stays unreferenced when it is refused, so
 * nothing can publish it.
 * @throws PatchIntegrityError `invalid`, naming every file and rule.
 */
export async function commitValidatedPatch(
  trusted: TrustedRepo,
  input: CommitValidatedPatchInput,
): Promise<{ sha: string; tree: string }> {
  const { iteration, rules, ...commit } = input;
  const result = await trusted.commitPatch(commit);
  const check = checkDiffRules(
    await trusted.describeChange(commit.parent, result.sha),
    splitPatch(commit.patch),
    rules,
  );
  if (!check.ok) {
    const listed = check.violations.map((violation) => `${violation.path} (${violation.reason})`).join('; ');
    throw new PatchIntegrityError(
      `change-${iteration}.patch breaks the diff rules, so Perfbot refuses to commit it: ${listed}`,
      'invalid',
      iteration,
      check.violations,
    );
  }
  return result;
}
