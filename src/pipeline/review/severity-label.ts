import type { ReviewSeverity } from '../../config/review-config.ts';

const MARKS: Record<ReviewSeverity, string> = { critical: '🔴', high: '🟠', medium: '🟡', low: '🔵', info: '⚪' };

/** `🔴 critical`, `🟡 medium`…: a severity with a colour mark, for tables and summaries. */
export function severityLabel(severity: ReviewSeverity): string {
  return `${MARKS[severity]} ${severity}`;
}
