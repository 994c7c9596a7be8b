import { codeSpan, escapeMarkdownText, renderCommit, renderLogin } from './markdown.ts';
import { formatChange } from './format.ts';

/** A `/perf ack` as the reports show it (the fields of `acks/acknowledgement.ts` they need). */
export interface AckNote {
  login: string;
  /** Untrusted; escaped here. */
  reason?: string;
  /** ISO time. */
  at: string;
  headSha: string;
  waived: readonly { benchmark: string; metric: string; change: number }[];
}

/** Waived rows named in one sentence; past this many, "and N more". */
const MAX_NAMED = 5;

/**
 * The line under the verdict of the run it waived:
 * `✅ **Regression acknowledged** by @octocat on 2026-12-03 07:40 UTC: “too noisy”. The `perf` check of `abc1234`
 * passes; waived: `sort` (`time`) +200.0%.` The reason is escaped (no HTML, code, links or live mentions).
 */
export function renderAcknowledgement(ack: AckNote): string {
  return (
    `✅ **Regression acknowledged** by ${renderLogin(ack.login)} on ${formatUtcMinute(ack.at)}${renderReason(ack.reason)}. ` +
    `The \`perf\` check of ${renderCommit(ack.headSha)} passes; waived: ${renderWaived(ack.waived)}.`
  );
}

/** In the next report on the pull request: the earlier ack, which does not carry over to this run. */
export function renderPreviousAcknowledgement(ack: AckNote): string {
  return (
    `ℹ️ A regression on ${renderCommit(ack.headSha)} was acknowledged by ${renderLogin(ack.login)} on ${formatUtcMinute(ack.at)}` +
    `${renderReason(ack.reason)} (waived: ${renderWaived(ack.waived)}). An ack holds for that commit only; ` +
    'this run is judged on its own, and `/perf ack` accepts it again if it fails.'
  );
}

/** `: “reason”`, escaped, or nothing when no reason was given. */
export function renderReason(reason: string | undefined): string {
  return reason === undefined ? '' : `: “${escapeMarkdownText(reason, 300)}”`;
}

/** `` `sort` (`time`) +200.0%, `parse` (`memory`) +12.0% `` — at most {@link MAX_NAMED}, then "and N more". */
export function renderWaived(rows: AckNote['waived']): string {
  if (rows.length === 0) return 'no benchmark';
  const named = rows
    .slice(0, MAX_NAMED)
    .map((row) => `${codeSpan(row.benchmark)} (${codeSpan(row.metric)}) ${formatChange(row.change)}`);
  const more = rows.length - named.length;
  return `${named.join(', ')}${more > 0 ? `, and ${more} more` : ''}`;
}

/** `2026-12-03T07:40:12.345Z` → `2026-12-03 07:40 UTC`; anything unparsable is shown escaped, as given. */
export function formatUtcMinute(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return escapeMarkdownText(iso, 40);
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
