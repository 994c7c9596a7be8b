import { stripInvisibleCharacters } from '../domain/untrusted-text.ts';

/** `/perf` as the first word, after at most 3 spaces (4 or a tab start an indented code block). */
const COMMAND_LINE = /^ {0,3}\/perf(?=\s|$)/i;
/** A fenced code block's opening line: 3+ backticks or tildes; a backtick fence's info string has no backtick. */
const FENCE_OPEN = /^ {0,3}(`{3,}(?!.*`)|~{3,})/;
const QUOTE = /^ {0,3}>/;

/**
 * The first line of a comment that is a `/perf` command, trimmed and without invisible characters, or `undefined`.
 *
 * Only lines a reader sees as a command count, so quoting or documenting a command never runs it:
 * - the line starts with `/perf` (case-insensitive) followed by a space or the end, after at most 3 spaces;
 * - lines in fenced code blocks (``` or ~~~, an unclosed fence runs to the end), indented by 4+ spaces or a tab,
 *   in block quotes (`> /perf …`, including a quote's lazy continuation lines) or inside HTML comments
 *   (`<!-- /perf … -->`, hidden when rendered) are skipped;
 * - invisible characters are removed first, so `/\u200Bperf` counts exactly when it looks like `/perf`.
 * Only the first command line counts, even when it is invalid: one comment starts at most one run.
 */
export function findPerfCommandLine(body: string): string | undefined {
  let fence: string | undefined;
  let inHtmlComment = false;
  let inQuoteParagraph = false;
  for (const rawLine of body.split(/\r\n|\r|\n/)) {
    if (fence !== undefined) {
      if (closesFence(rawLine, fence)) fence = undefined;
      continue;
    }
    const hidden = removeHtmlComments(rawLine, inHtmlComment);
    inHtmlComment = hidden.unclosed;
    const line = stripInvisibleCharacters(hidden.text);
    const blank = line.trim() === '';
    if (QUOTE.test(line)) {
      inQuoteParagraph = line.replace(QUOTE, '').trim() !== '';
      continue;
    }
    // A non-blank line right after quoted text continues the quote ("lazy continuation").
    if (inQuoteParagraph && !blank) continue;
    inQuoteParagraph = false;
    const open = FENCE_OPEN.exec(line);
    if (open?.[1] !== undefined) {
      fence = open[1];
      continue;
    }
    if (COMMAND_LINE.test(line)) return line.trim();
  }
  return undefined;
}

function closesFence(line: string, fence: string): boolean {
  const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line)?.[1];
  return close !== undefined && close[0] === fence[0] && close.length >= fence.length;
}

/** Removes `<!-- … -->` from one line; `unclosed` says a comment runs on into the next line. */
function removeHtmlComments(line: string, insideComment: boolean): { text: string; unclosed: boolean } {
  let rest = line;
  let text = '';
  let inside = insideComment;
  for (;;) {
    const marker = inside ? rest.indexOf('-->') : rest.indexOf('<!--');
    if (marker === -1) return inside ? { text, unclosed: true } : { text: text + rest, unclosed: false };
    if (!inside) text += rest.slice(0, marker);
    rest = rest.slice(marker + (inside ? 3 : 4));
    inside = !inside;
  }
}
