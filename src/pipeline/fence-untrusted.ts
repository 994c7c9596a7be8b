/** Control, zero-width and bidi characters; tab and newline are kept because this is multi-line text. */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Untrusted multi-line text (a requester's description, test output) as a fenced code block: GitHub shows it
 * literally (no HTML, links or mentions), and the fence is longer than any backtick run inside, so the text
 * cannot close it. Invisible characters are removed and the text is cut to `maxLength` characters with `…`.
 */
export function fenceUntrusted(text: string, maxLength = 4000): string {
  const visible = text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '').replace(/\s+$/, '');
  const chars = Array.from(visible);
  const body = chars.length <= maxLength ? visible : `${chars.slice(0, maxLength - 1).join('')}…`;
  const longestRun = Math.max(0, ...Array.from(body.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}text\n${body}\n${fence}`;
}
