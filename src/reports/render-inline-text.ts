import { cleanUntrustedText } from './clean-untrusted-text.ts';
import { codeSpan } from './code-span.ts';
import { escapeMarkdownText } from './escape-markdown-text.ts';

/** Default cap: long enough for a parser's error message, short enough that one message cannot flood a comment. */
export const MAX_INLINE_TEXT_LENGTH = 1500;

/** A span between single backticks, the way Perfbot's own error messages mark code (`` `benchmark.format` ``). */
const CODE = /`([^`]+)`/g;
/** Line starts that Markdown would read as a heading, bullet or setext underline… */
const BLOCK_MARKER = /^[#+=-]/;
/** …or as an ordered list item (a backslash before a digit is no escape: escape the `.` or `)` instead). */
const ORDERED_MARKER = /^(\d+)([.)])/;

/**
 * Renders one paragraph of plain text that may quote untrusted input (error messages, details) as Markdown:
 * spans between single backticks become code spans (see `codeSpan`), everything else is escaped prose (see
 * `escapeMarkdownText`: no HTML, no links, no `@mention` pings). Line breaks collapse to spaces and the text is
 * capped at `maxLength` characters. A leading `#`, `-`, `+`, `=` or `1.` is escaped so the paragraph never turns
 * into a heading or a list. Stray backticks are shown literally.
 */
export function renderInlineText(text: string, maxLength: number = MAX_INLINE_TEXT_LENGTH): string {
  const cleaned = cleanUntrustedText(text, maxLength);
  let result = '';
  let last = 0;
  for (const match of cleaned.matchAll(CODE)) {
    result += escapeProse(cleaned.slice(last, match.index));
    result += codeSpan(match[1] ?? '', 'text', maxLength);
    last = match.index + match[0].length;
  }
  result += escapeProse(cleaned.slice(last));
  return BLOCK_MARKER.test(result) ? `\\${result}` : result.replace(ORDERED_MARKER, '$1\\$2');
}

/** `escapeMarkdownText` trims; the single spaces around a code span must survive. */
function escapeProse(part: string): string {
  if (part === '') return '';
  const body = escapeMarkdownText(part, Number.MAX_SAFE_INTEGER);
  if (body === '') return ' ';
  return `${part.startsWith(' ') ? ' ' : ''}${body}${part.endsWith(' ') ? ' ' : ''}`;
}
