import { cleanUntrustedText } from './clean-untrusted-text.ts';

/** Characters that start inline Markdown or GFM syntax: emphasis, links, images, code, tables, strikethrough. */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~]/g;
/** Invisible, zero-width; breaks GitHub's mention, issue-reference and URL autolinking without changing the text. */
const WORD_JOINER = '\u2060';

/**
 * Escapes untrusted prose (warning texts, machine descriptions) for plain Markdown text.
 *
 * HTML is entity-escaped and Markdown punctuation backslash-escaped. A word joiner goes after every `@`
 * (no `@mention` pings), after `#` before a digit (no `#123` cross-references in other issues) and inside
 * `://` (no clickable links from benchmark output). Text is cleaned and capped at `maxLength` characters.
 */
export function escapeMarkdownText(text: string, maxLength = 300): string {
  return cleanUntrustedText(text, maxLength)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`)
    .replaceAll('@', `@${WORD_JOINER}`)
    .replace(/#(?=\d)/g, `#${WORD_JOINER}`)
    .replaceAll('://', `:${WORD_JOINER}//`);
}
