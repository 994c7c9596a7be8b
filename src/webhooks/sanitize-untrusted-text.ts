import { stripInvisibleCharacters } from './strip-invisible-characters.ts';

/** Default cap: generous for a pull request description, small enough to keep a prompt or reply bounded. */
export const MAX_SANITIZED_LENGTH = 10_000;

/** A GitHub `@user` or `@org/team` mention: not preceded by a word character (so e-mail addresses are left alone). */
const MENTION = /(?<![\w@])@(?=[A-Za-z0-9])/g;
const WORD_JOINER = '\u2060';

/**
 * Makes text written by someone else (pull request titles and bodies, comments, the `/perf optimize`
 * description) safe to put into an agent prompt or to echo in a reply:
 * 1. line breaks are normalized to `\n`;
 * 2. invisible, bidi-formatting and control characters are removed (tab and newline stay), so nothing is
 *    hidden from the human who reviewed the text (this also removes the zero-width joiner inside emoji
 *    sequences, which then show as separate emoji);
 * 3. HTML comments are removed, also nested or unclosed ones (`<!-- ignore previous instructions -->`),
 *    because GitHub hides them when rendering but a model would read them;
 * 4. the text is trimmed and cut to `maxLength` characters (code points), ending in `…` when cut;
 * 5. `@mentions` get an invisible word joiner after the `@` (`@\u2060octocat`), so echoing them never pings
 *    anyone. Not backticks: inside an existing code span (`` `ask @x` ``) added backticks would close the span
 *    and turn the mention live again; the word joiner works in every context.
 * The result is still Markdown written by someone else: render it in a quote or code block, and in prompts
 * present it as data, never as instructions.
 */
export function sanitizeUntrustedText(text: string, maxLength: number = MAX_SANITIZED_LENGTH): string {
  const visible = stripInvisibleCharacters(text.replace(/\r\n?|[\u2028\u2029]/g, '\n'));
  const cut = truncate(removeHtmlComments(visible).trim(), maxLength);
  return cut.replace(MENTION, `@${WORD_JOINER}`);
}

/** Removes `<!-- … -->` until none is left, so `<!-<!-- -->- x -->` cannot reassemble into a comment. */
function removeHtmlComments(text: string): string {
  let current = text;
  for (;;) {
    const next = current.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
    if (next === current) return current;
    current = next;
  }
}

function truncate(text: string, maxLength: number): string {
  const chars = Array.from(text);
  if (chars.length <= maxLength) return text;
  return `${chars
    .slice(0, Math.max(0, maxLength - 1))
    .join('')
    .trimEnd()}…`;
}
