/**
 * Control characters (including newlines, which would end a table row), zero-width and bidirectional
 * formatting characters. Bidi overrides can make a name render differently from its bytes ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** Longest untrusted string we print; longer names are cut with `…` so one row cannot flood a comment. */
export const MAX_UNTRUSTED_LENGTH = 100;

/**
 * Makes text that came from benchmark output safe to lay out: invisible and control characters become spaces,
 * runs of whitespace collapse to one, the ends are trimmed, and the result is capped at `maxLength` characters.
 * Escaping for a particular context (code span, plain text) is done on top of this.
 */
export function cleanUntrustedText(text: string, maxLength: number = MAX_UNTRUSTED_LENGTH): string {
  const cleaned = text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(cleaned);
  if (chars.length <= maxLength) return cleaned;
  return `${chars
    .slice(0, maxLength - 1)
    .join('')
    .trimEnd()}…`;
}
