/** ANSI escape sequences: CSI (colours, cursor moves) and OSC (window titles, hyperlinks). */
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]/g;
/** Control characters except tab and newline; invisible and bidi-formatting characters ("Trojan Source"). */
// eslint-disable-next-line no-control-regex
const HIDDEN =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * Makes command output readable as plain lines: `\r\n` becomes `\n`; a line rewritten with `\r` (progress bars)
 * keeps only what a terminal would finally show; ANSI colour and cursor sequences are removed; control,
 * invisible and bidi characters are removed so the block shows exactly the bytes that matter; trailing
 * whitespace and trailing blank lines go.
 */
export function cleanOutputText(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(ANSI, '')
    .split('\n')
    .map((line) => lastOverwrite(line).replace(HIDDEN, '').trimEnd())
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/** `10%\r20%\r30%` → `30%`; a trailing `\r` does not erase the line. */
function lastOverwrite(line: string): string {
  const parts = line.split('\r').filter((part) => part !== '');
  return parts[parts.length - 1] ?? '';
}
