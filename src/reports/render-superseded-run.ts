import { codeSpan } from './markdown.ts';

export interface SupersededRunInput {
  /** The run that was stopped. */
  jobId: string;
  /** The run that replaces it. */
  byJobId: string;
}

/**
 * The reply to a command that replaced an earlier run on the same pull request (one run per pull request:
 * the newer command wins, so nobody waits for results about an older request).
 */
export function renderSupersededRun({ jobId, byJobId }: SupersededRunInput): string {
  return `⏭️ Run ${codeSpan(jobId)}, from an earlier command on this pull request, was stopped and replaced by run ${codeSpan(byJobId)} for this one.`;
}

/** The end of the replaced run's own status comment. */
export function renderSupersededOutcome(byJobId: string): string {
  return `⏭️ **Superseded** by run ${codeSpan(byJobId)}: a newer command on this pull request replaced this run.`;
}
