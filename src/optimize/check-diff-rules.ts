import { findAddedSkipMarkers } from '../pipeline/diff-rules/find-added-skip-markers.ts';
import { validateDiff, type DiffCheck, type DiffFile } from '../pipeline/diff-rules/validate-diff.ts';
import type { DiffRules } from './diff-rules-from-config.ts';
import type { PatchSection } from './split-patch.ts';

/**
 * Every diff rule at once: `validateDiff` on the files (paths, kinds, protected files) and, on the patch text,
 * no added test-skipping markers. A file gets one violation, the file rule first.
 */
export function checkDiffRules(
  files: readonly DiffFile[],
  sections: readonly PatchSection[],
  rules: DiffRules,
): DiffCheck {
  const fileCheck = validateDiff(files, rules.allowedPaths, { protectedPaths: rules.protectedPaths });
  const flagged = new Set(fileCheck.violations.map((violation) => violation.path));
  const skips = findAddedSkipMarkers(sections).filter((violation) => !flagged.has(violation.path));
  const violations = [...fileCheck.violations, ...skips];
  return { ok: violations.length === 0, violations };
}
