import { cleanUntrustedText } from './clean-untrusted-text.ts';

/** Characters that start Markdown or GFM syntax inline (emphasis, links, code, tables, strikethrough, autolinks). */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]#|~!()]/g;
const WORD_JOINER = '\u2060';

/**
 * Escapes untrusted prose (warning texts, machine descriptions) for plain Markdown text.
 *
 * HTML is entity-escaped, Markdown punctuation is backslash-escaped, and `@mention`s are broken with an
 * invisible word joiner after the `@` so nobody gets pinged by a benchmark's output. Long text is capped
 * at `maxLength` characters.
 */
export function escapeMarkdownText(text: string, maxLength = 300): string {
  return cleanUntrustedText(text, maxLength)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`)
    .replaceAll('@', `@${WORD_JOINER}`);
}
