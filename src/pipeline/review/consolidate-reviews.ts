import { REVIEW_SEVERITIES, REVIEWERS, type Reviewer, type ReviewSeverity } from '../../config/review-config.ts';
import type { ConsolidatedFinding, ReviewFinding } from '../review-finding.ts';
import { titleSimilarity } from './title-similarity.ts';

/** What one reviewer agent returned: its findings, or why it produced none. */
export type ReviewerResult =
  { kind: Reviewer; ok: true; findings: readonly ReviewFinding[] } | { kind: Reviewer; ok: false; error: string };

export interface ConsolidatedReview {
  /** Most severe first, then by file (findings about no file last) and line. */
  findings: ConsolidatedFinding[];
  /** True when any finding has a severity listed in `review.blocking`. */
  blocking: boolean;
  failedReviewers: { kind: Reviewer; error: string }[];
}

/** Two findings this many lines apart (or closer) can be the same issue. */
const LINE_TOLERANCE = 3;
/** Titles this similar (token Jaccard) or more describe the same issue. */
const SIMILAR_TITLES = 0.6;

/**
 * Merges the reviewers' findings into one list. Findings are the same issue when they are about the same file
 * (or both about none), their lines are within ±3 (or both have none), and their titles share at least 60% of
 * their words; a merged finding keeps the text of its most severe report, that severity, and every reviewer
 * that reported it. A failed reviewer is listed, not blocking: an agent crash must not loop the run forever,
 * and the failure is shown in the review report.
 */
export function consolidateReviews(
  results: readonly ReviewerResult[],
  blockingSeverities: readonly ReviewSeverity[],
): ConsolidatedReview {
  const reports = results
    .flatMap((result) => (result.ok ? result.findings.map((finding) => ({ finding, kind: result.kind })) : []))
    // Most severe first, so each group's first member is the one whose text is kept.
    .sort((a, b) => severityRank(a.finding) - severityRank(b.finding) || reviewerRank(a.kind) - reviewerRank(b.kind));
  const groups: { findings: ReviewFinding[]; reviewers: Set<Reviewer> }[] = [];
  for (const { finding, kind } of reports) {
    const group = groups.find((candidate) => candidate.findings.some((member) => sameIssue(member, finding)));
    if (group === undefined) groups.push({ findings: [finding], reviewers: new Set([kind]) });
    else {
      group.findings.push(finding);
      group.reviewers.add(kind);
    }
  }
  const findings = groups
    .map(({ findings: [first], reviewers }): ConsolidatedFinding => ({
      ...(first as ReviewFinding),
      reviewers: [...reviewers].sort((a, b) => reviewerRank(a) - reviewerRank(b)),
    }))
    .sort(compareFindings);
  return {
    findings,
    blocking: findings.some((finding) => blockingSeverities.includes(finding.severity)),
    failedReviewers: results.flatMap((result) => (result.ok ? [] : [{ kind: result.kind, error: result.error }])),
  };
}

function sameIssue(a: ReviewFinding, b: ReviewFinding): boolean {
  if (a.file !== b.file) return false;
  if ((a.line === undefined) !== (b.line === undefined)) return false;
  if (a.line !== undefined && b.line !== undefined && Math.abs(a.line - b.line) > LINE_TOLERANCE) return false;
  return titleSimilarity(a.title, b.title) >= SIMILAR_TITLES;
}

function compareFindings(a: ConsolidatedFinding, b: ConsolidatedFinding): number {
  return (
    severityRank(a) - severityRank(b) ||
    Number(a.file === undefined) - Number(b.file === undefined) ||
    compareText(a.file ?? '', b.file ?? '') ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareText(a.title, b.title)
  );
}

function severityRank(finding: Pick<ReviewFinding, 'severity'>): number {
  return REVIEW_SEVERITIES.indexOf(finding.severity);
}

function reviewerRank(kind: Reviewer): number {
  return REVIEWERS.indexOf(kind);
}

/** Code-point order: the same on every machine, unlike `localeCompare`. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
