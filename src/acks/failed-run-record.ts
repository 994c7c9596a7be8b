import type { RunOutcome } from '../reports/run-outcome.ts';
import type { StatusCommentInput } from '../reports/status-comment/render-status-comment.ts';
import type { WaivedRow } from './acknowledgement.ts';

/**
 * What a bench run that failed the regression gate leaves behind for `/perf ack`: which check run and status
 * comment to edit, the rows it failed on, and the status comment's input to render it again with the ack line.
 * Kept in Redis rather than read back from the check run's text, because that text is Markdown made for people
 * (cut to GitHub's limit) and is no reliable source for benchmark names; the check run on GitHub stays the
 * source of truth for whether the run is still the latest one and still failing.
 */
export interface FailedRunRecord {
  jobId: string;
  headSha: string;
  checkRunId: number;
  commentId: number;
  waived: WaivedRow[];
  /** The run's final status comment input: its outcome is the report. */
  status: StatusCommentInput & { outcome: Extract<RunOutcome, { type: 'report' }> };
}
