import { cleanUntrustedText, MAX_UNTRUSTED_LENGTH } from './clean-untrusted-text.ts';

/** Where the code span is placed; inside a table row, `|` must be escaped even within code. */
export type MarkdownContext = 'text' | 'table';

/**
 * Renders untrusted text (benchmark and metric names, refs, commands) as a Markdown code span.
 *
 * Inside a code span GitHub shows HTML literally and does not link `@mentions` or `#refs`, so this is the
 * one escaping that neutralizes all of them. Backticks in the text are handled the CommonMark way: the fence is
 * one backtick longer than the longest run inside, padded with spaces. In a table (`context: 'table'`) every
 * `|` becomes `\|`: GFM splits cells before parsing inlines and turns `\|` back into `|` inside the code span.
 * Empty text renders as `(empty)` because an empty code span is not valid Markdown. Text is cleaned and capped
 * at `maxLength` characters first (see `cleanUntrustedText`).
 */
export function codeSpan(
  text: string,
  context: MarkdownContext = 'text',
  maxLength: number = MAX_UNTRUSTED_LENGTH,
): string {
  const cleaned = cleanUntrustedText(text, maxLength);
  if (cleaned === '') return '(empty)';
  const longestRun = Math.max(0, ...Array.from(cleaned.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(longestRun + 1);
  const padded = longestRun > 0 ? ` ${cleaned} ` : cleaned;
  const body = context === 'table' ? padded.replaceAll('|', '\\|') : padded;
  return `${fence}${body}${fence}`;
}
