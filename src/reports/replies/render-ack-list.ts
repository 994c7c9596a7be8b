import { formatUtcMinute, renderReason, renderWaived, type AckNote } from '../render-acknowledgement.ts';
import { renderCommit, renderLogin } from '../markdown.ts';

/** Acks listed in `/perf status`, newest first; more are summed up in one line. */
const MAX_LISTED = 10;

/**
 * The pull request's `/perf ack`s for `/perf status`, newest first, one line each:
 * `- `abc1234` by @octocat on 2026-12-03 07:40 UTC: “too noisy” (waived: `sort` (`time`) +200.0%)`.
 * Empty when there are none.
 */
export function renderAckList(acks: readonly AckNote[]): string {
  if (acks.length === 0) return '';
  const lines = acks
    .slice(0, MAX_LISTED)
    .map(
      (ack) =>
        `- ${renderCommit(ack.headSha)} by ${renderLogin(ack.login)} on ${formatUtcMinute(ack.at)}${renderReason(ack.reason)} (waived: ${renderWaived(ack.waived)})`,
    );
  if (acks.length > MAX_LISTED) lines.push(`- and ${acks.length - MAX_LISTED} older`);
  return `**Acknowledged regressions on this pull request** (each holds for its commit only)\n\n${lines.join('\n')}`;
}
