import {
  fenceFor,
  forCodeBlock,
  forMarkdownInline,
  longestBacktickRun,
  MAX_INLINE_LENGTH,
  truncateCodePoints,
} from '../domain/untrusted-text.ts';

/**
 * GitHub-flavoured Markdown for Perfbot's comments, check runs and repository files: the escaping of each
 * construct (code span, plain text, code block, link, details) and the few layout helpers every renderer shares.
 * Cleaning untrusted text (invisible characters, truncation, the fence rule) is `domain/untrusted-text.ts`;
 * this module only adds what Markdown needs on top.
 */

/** Where the code span is placed; inside a table row, `|` must be escaped even within code. */
export type MarkdownContext = 'text' | 'table';

/** Characters that start inline Markdown or GFM syntax: emphasis, links, images, code, tables, strikethrough. */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~]/g;
/** Invisible, zero-width; breaks GitHub's mention, issue-reference and URL autolinking without changing the text. */
const WORD_JOINER = '\u2060';

/**
 * Renders untrusted text (benchmark and metric names, refs, commands) as a Markdown code span.
 *
 * Inside a code span GitHub shows HTML literally and does not link `@mentions` or `#refs`, so this is the
 * one escaping that neutralizes all of them. Backticks in the text are handled the CommonMark way: the fence is
 * one backtick longer than the longest run inside, padded with spaces. In a table (`context: 'table'`) every
 * `|` becomes `\|`: GFM splits cells before parsing inlines and turns `\|` back into `|` inside the code span.
 * Empty text renders as `(empty)` because an empty code span is not valid Markdown. Text is cleaned and capped
 * at `maxLength` characters first (see `forMarkdownInline`).
 */
export function codeSpan(
  text: string,
  context: MarkdownContext = 'text',
  maxLength: number = MAX_INLINE_LENGTH,
): string {
  const cleaned = forMarkdownInline(text, maxLength);
  if (cleaned === '') return '(empty)';
  const longestRun = longestBacktickRun(cleaned);
  const fence = '`'.repeat(longestRun + 1);
  const padded = longestRun > 0 ? ` ${cleaned} ` : cleaned;
  const body = context === 'table' ? padded.replaceAll('|', '\\|') : padded;
  return `${fence}${body}${fence}`;
}

/**
 * Escapes untrusted prose (warning texts, machine descriptions) for plain Markdown text.
 *
 * HTML is entity-escaped and Markdown punctuation backslash-escaped. A word joiner goes after every `@`
 * (no `@mention` pings), after `#` before a digit (no `#123` cross-references in other issues) and inside
 * `://` (no clickable links from benchmark output). Text is cleaned and capped at `maxLength` characters.
 */
export function escapeMarkdownText(text: string, maxLength = 300): string {
  return forMarkdownInline(text, maxLength)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`)
    .replaceAll('@', `@${WORD_JOINER}`)
    .replace(/#(?=\d)/g, `#${WORD_JOINER}`)
    .replaceAll('://', `:${WORD_JOINER}//`);
}

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
  const cleaned = forMarkdownInline(text, maxLength);
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

/**
 * A fenced code block that cannot be closed from inside (see `fenceFor`). Inside, GitHub shows HTML and
 * `@mentions` literally. `text` is shown exactly: clean it first (see `forCodeBlock`, or `fenceUntrusted`),
 * unless it must stay exact (a patch). `language` (`diff`, `text`…) is the info string GitHub highlights with.
 */
export function renderCodeBlock(text: string, language = ''): string {
  const fence = fenceFor(text);
  return `${fence}${language}\n${text}\n${fence}`;
}

/**
 * Untrusted multi-line text (a requester's description, test output) as a `text` code block: GitHub shows it
 * literally (no HTML, links or mentions) and nothing inside can close it. The text is cleaned the way a
 * terminal would show it (see `forCodeBlock`) and cut to `maxLength` characters with `…`.
 */
export function fenceUntrusted(text: string, maxLength = 4000): string {
  return renderCodeBlock(truncateCodePoints(forCodeBlock(text), maxLength), 'text');
}

/**
 * A collapsed GitHub `<details>` block. `summary` must be trusted text (it sits inside HTML); the blank lines
 * around `body` make GitHub parse it as Markdown, so tables and code fences render inside.
 */
export function renderDetails(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

/**
 * A Markdown link to a URL Perfbot built itself (a check run, a log page), or `undefined` when `url` is not an
 * absolute `https:` URL. `label` must be trusted text. Parentheses are percent-encoded so the URL cannot end
 * the link early.
 */
export function renderLink(label: string, url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  const href = parsed.href.replaceAll('(', '%28').replaceAll(')', '%29');
  return `[${label}](${href})`;
}

/**
 * A GitHub login as `@login` that reads like a mention but does not notify anyone: an invisible word joiner
 * follows the `@` (see `escapeMarkdownText`). Perfbot's replies never ping: the requester is already notified
 * of replies in a thread they commented on, and logins in echoed text must not reach other people.
 */
export function renderLogin(login: string): string {
  return escapeMarkdownText(`@${login}`, 100);
}

const SHA = /^[0-9a-f]{7,64}$/i;

/**
 * A commit as a short code span: `abc1234` for a SHA (GitHub does not autolink a SHA inside code, which is
 * what we want for commits that may not be in this repository); anything else is shown as given, capped.
 */
export function renderCommit(sha: string): string {
  return SHA.test(sha) ? codeSpan(sha.slice(0, 7).toLowerCase()) : codeSpan(sha, 'text', 40);
}

/** Characters that cannot break out of a quoted Mermaid string or start Mermaid syntax (`"`, `[`, `%%`, `#`, `;`…). */
const MERMAID_UNSAFE = /[^A-Za-z0-9 _./:=+-]/g;
const MAX_LABEL_LENGTH = 24;

/**
 * An untrusted benchmark name reduced to a safe Mermaid axis label: only letters, digits, spaces and
 * `_./:=+-` survive; quotes, brackets, backticks and percent signs are stripped; long names are cut with `…`.
 * Returns an empty string when nothing survives (the caller supplies a placeholder).
 */
export function mermaidLabel(name: string): string {
  return forMarkdownInline(name.replace(MERMAID_UNSAFE, ' '), MAX_LABEL_LENGTH);
}

/**
 * A GFM table (header, delimiter row, one line per row) cut to at most `maxLength` characters by dropping rows
 * from the end, followed by a note saying how many were left out. Tables are rendered most important row first,
 * so the rows that matter stay. Returns the table unchanged when it fits, and '' when not even the header does.
 */
export function fitMarkdownTable(table: string, maxLength: number): string {
  if (table.length <= maxLength) return table;
  const lines = table.split('\n');
  const rowCount = lines.length - 2;
  const note = (omitted: number) => `\n\n… ${omitted} more ${omitted === 1 ? 'row' : 'rows'} not shown`;
  let length = (lines[0]?.length ?? 0) + 1 + (lines[1]?.length ?? 0);
  let kept = 0;
  while (kept < rowCount) {
    const next = length + 1 + (lines[kept + 2]?.length ?? 0);
    if (next + note(rowCount - kept - 1).length > maxLength) break;
    length = next;
    kept += 1;
  }
  if (kept === 0 && length + note(rowCount).length > maxLength) return '';
  return `${lines.slice(0, kept + 2).join('\n')}${note(rowCount - kept)}`;
}

/** The end of a text, cut to what a comment can show. */
export interface LastLines {
  text: string;
  /** Whole lines left out before `text`. */
  cutLines: number;
}

/**
 * The last `maxLines` lines of `text` that fit in `maxChars` characters: the end of a log is where the error
 * is. When even the last line alone is too long, its end is kept, starting with `…`. Never splits a
 * surrogate pair.
 */
export function takeLastLines(text: string, maxLines: number, maxChars: number): LastLines {
  const lines = text.split('\n');
  const kept: string[] = [];
  let length = 0;
  for (let index = lines.length - 1; index >= 0 && kept.length < maxLines; index--) {
    const line = lines[index] as string;
    const added = line.length + (kept.length > 0 ? 1 : 0);
    if (length + added > maxChars) {
      if (kept.length === 0) kept.push(truncateCodePoints(line, maxChars, 'tail'));
      break;
    }
    kept.unshift(line);
    length += added;
  }
  return { text: kept.join('\n'), cutLines: lines.length - kept.length };
}
