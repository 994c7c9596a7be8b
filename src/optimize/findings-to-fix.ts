import type { ReviewFinding } from '../agents/agent-output.ts';
import type { ReviewSeverity } from '../config/review-config.ts';
import type { PipelineState } from '../pipeline/pipeline-state.ts';

/**
 * What the optimizer is told to fix besides failing tests: the blocking findings of the review that sent the
 * run back, and the files of a rejected change with the rule each one broke. The optimizer prompt has one list
 * for both, so a rejected file becomes a `high` finding naming the rule.
 */
export function findingsToFix(state: PipelineState, blocking: readonly ReviewSeverity[]): ReviewFinding[] {
  const last = state.history.at(-1);
  const fromReview =
    last?.phase === 'review'
      ? (state.reviewFindings ?? [])
          .filter((finding) => blocking.includes(finding.severity))
          .map((finding): ReviewFinding => ({
            severity: finding.severity,
            title: finding.title,
            ...(finding.file === undefined ? {} : { file: finding.file }),
            ...(finding.line === undefined ? {} : { line: finding.line }),
            detail: finding.detail ?? finding.title,
          }))
      : [];
  const fromRules = (state.diffViolations ?? []).map((violation): ReviewFinding => ({
    severity: 'high',
    title: 'Changed a file the agent may not change; the whole change was discarded',
    file: violation.path,
    detail: `${violation.reason}. Make the optimization again without touching this file.`,
  }));
  return [...fromRules, ...fromReview];
}
