/**
 * Characters a reader cannot see but a program (or a model) still reads:
 * - soft hyphen, Arabic letter mark, Mongolian vowel separator;
 * - zero-width space/joiners and LRM/RLM (U+200B–U+200F), word joiner and invisible operators (U+2060–U+2064);
 * - bidi embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069), which reorder what is displayed
 *   ("Trojan Source");
 * - the byte-order mark;
 * - Unicode tag characters (U+E0000–U+E007F) and supplementary variation selectors (U+E0100–U+E01EF), which can
 *   carry a whole hidden ASCII message that models read ("ASCII smuggling").
 * Emoji variation selectors (U+FE00–U+FE0F) are kept: they only pick a glyph style.
 */
const INVISIBLE =
  /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]/gu;

/** C0 and C1 control characters except tab and line feed, which are ordinary text layout. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Removes invisible, bidi-formatting and control characters (keeping `\t` and `\n`), so what a program
 * reads is what a person saw on GitHub. Normalize `\r\n` to `\n` first if line breaks matter: `\r` is removed.
 */
export function stripInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE, '').replace(CONTROL, '');
}
