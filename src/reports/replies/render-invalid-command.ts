import { renderDetails, renderInlineText, renderLogin } from '../markdown.ts';

export interface InvalidCommandInput {
  actor: string;
  /** The parser's message; it quotes the user's input, so it is escaped here. */
  error: string;
  /** The help text (`perfUsage(...)`): trusted Markdown, shown collapsed. */
  usage: string;
}

/** The reply to a `/perf` line that could not be understood: what was wrong, then the usage, collapsed. */
export function renderInvalidCommand({ actor, error, usage }: InvalidCommandInput): string {
  const problem = `⚠️ ${renderLogin(actor)}, Perfbot did not run anything: ${renderInlineText(error, 500)}`;
  return `${problem}\n\n${renderDetails('How to use <code>/perf</code>', usage.trim())}`;
}
