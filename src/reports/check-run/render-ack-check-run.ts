import { forMarkdownInline, neutralizeMentions } from '../../domain/untrusted-text.ts';
import type { CheckRunOutput } from '../../github/github-client.ts';
import { escapeMarkdownText } from '../markdown.ts';
import { renderAcknowledgement, type AckNote } from '../render-acknowledgement.ts';

/** Check-run titles are one line of plain text; longer ones are cut with `…`. */
const TITLE_LENGTH = 200;

/**
 * The waived `perf` check run: `success`, titled `Acknowledged by @octocat: reason`, with the ack (who, when,
 * why, the waived rows) above the summary of the report it waived (`report`: the check run as the run left it,
 * rendered again from the stored report), whose text stays as it was. The title is plain text on GitHub, so it
 * is cleaned rather than Markdown-escaped (see `forMarkdownInline`), and its mentions get an invisible joiner.
 * GitHub's length limit is applied by the adapter (`truncateCheckOutput`), which cuts the end: the report, never
 * the ack.
 */
export function renderAckCheckRun(
  ack: AckNote,
  report: CheckRunOutput,
): { conclusion: 'success'; output: CheckRunOutput } {
  const reason = ack.reason === undefined ? '' : `: ${ack.reason}`;
  const title = neutralizeMentions(forMarkdownInline(`Acknowledged by @${ack.login}${reason}`, TITLE_LENGTH));
  const summary = `${renderAcknowledgement(ack)}\n\n---\n\n**The report it waived: ${escapeMarkdownText(report.title, TITLE_LENGTH)}**\n\n${report.summary}`;
  return {
    conclusion: 'success',
    output: { title, summary, ...(report.text === undefined ? {} : { text: report.text }) },
  };
}
