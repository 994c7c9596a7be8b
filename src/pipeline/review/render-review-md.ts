import { REVIEW_SEVERITIES, type Reviewer, type ReviewSeverity } from '../../config/review-config.ts';
import { codeSpan, escapeMarkdownText, renderDetails } from '../../reports/markdown.ts';
import type { ConsolidatedReview } from './consolidate-reviews.ts';
import type { ConsolidatedFinding } from '../review-finding.ts';
import { severityLabel } from './severity-label.ts';

/** Longest finding detail shown; the rest is cut with `…` so one agent cannot flood the comment. */
const MAX_DETAIL_LENGTH = 3000;

/**
 * The consolidated review as Markdown: `bots/review.md`, and the body of the PR comment. A table of counts per
 * severity, whether the change is blocked, then one collapsed `<details>` per finding, then the reviewers that
 * failed. Everything the agents wrote is untrusted: titles and details are escaped as plain text (no HTML, no
 * links, no mentions), file names are code spans. Ends with a newline.
 */
export function renderReviewMd(
  review: ConsolidatedReview,
  blockingSeverities: readonly ReviewSeverity[],
  /** How a reviewer is named where its kind is not enough: the language reviewer as its language (`Go`). */
  names: Partial<Record<Reviewer, string>> = {},
): string {
  const name = (kind: Reviewer) => names[kind] ?? kind;
  const sections = ['### Review'];
  if (review.findings.length === 0) {
    sections.push('No findings.');
  } else {
    sections.push(severityTable(review.findings), blockingLine(review, blockingSeverities));
    sections.push(...review.findings.map((finding) => renderFinding(finding, name)));
  }
  if (review.failedReviewers.length > 0) {
    const lines = review.failedReviewers.map(
      ({ kind, error }) => `- ${codeSpan(name(kind))}: ${escapeMarkdownText(error)}`,
    );
    sections.push(`**Reviewers that failed** (their areas were not reviewed):\n\n${lines.join('\n')}`);
  }
  return `${sections.join('\n\n')}\n`;
}

function severityTable(findings: readonly ConsolidatedFinding[]): string {
  const rows = REVIEW_SEVERITIES.map((severity) => {
    const count = findings.filter((finding) => finding.severity === severity).length;
    return `| ${severityLabel(severity)} | ${count} |`;
  });
  return ['| Severity | Findings |', '| --- | --: |', ...rows].join('\n');
}

function blockingLine(review: ConsolidatedReview, blockingSeverities: readonly ReviewSeverity[]): string {
  const listed = blockingSeverities.length === 0 ? 'none' : blockingSeverities.join(', ');
  if (!review.blocking) return `**Not blocking:** no finding has a blocking severity (${listed}).`;
  const count = review.findings.filter((finding) => blockingSeverities.includes(finding.severity)).length;
  const noun = count === 1 ? 'finding blocks' : 'findings block';
  return `**Blocking:** ${count} ${noun} the change (blocking severities: ${listed}).`;
}

function renderFinding(finding: ConsolidatedFinding, name: (kind: Reviewer) => string): string {
  const where = location(finding);
  const summary = `${severityLabel(finding.severity)}: ${escapeMarkdownText(finding.title, 200)}${where === '' ? '' : ` (${escapeMarkdownText(where, 150)})`}`;
  const lines = [];
  if (finding.file !== undefined) {
    lines.push(
      `**File:** ${codeSpan(finding.file, 'text', 300)}${finding.line === undefined ? '' : `, line ${finding.line}`}`,
    );
  }
  lines.push(`**Reported by:** ${finding.reviewers.map(name).join(', ')}`);
  // Two trailing spaces: a Markdown line break, so the facts stay on separate lines.
  const facts = lines.join('  \n');
  const detail = finding.detail === undefined ? '' : escapeMarkdownText(finding.detail, MAX_DETAIL_LENGTH);
  return renderDetails(summary, detail === '' ? facts : `${facts}\n\n${detail}`);
}

function location(finding: ConsolidatedFinding): string {
  if (finding.file === undefined) return '';
  return finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
}
