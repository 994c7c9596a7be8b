import { forCodeBlock } from '../../domain/untrusted-text.ts';
import { renderCodeBlock, renderDetails, takeLastLines } from '../markdown.ts';

/** At most this many lines of a failed command's output go into a comment… */
export const OUTPUT_TAIL_MAX_LINES = 50;
/** …and at most this many characters: a comment holds 65,536, and the report or checklist needs room too. */
export const OUTPUT_TAIL_MAX_CHARS = 6000;

/**
 * The last lines of a failed command's output, collapsed:
 * `<details><summary>Last lines of output</summary>`, a note on how many earlier lines were cut, and the lines
 * in a fenced code block that nothing in the output can close (see `renderCodeBlock`). The output is cleaned of
 * terminal escapes and invisible characters first. Empty string when nothing visible is left.
 */
export function renderOutputTail(output: string): string {
  const cleaned = forCodeBlock(output);
  if (cleaned.trim() === '') return '';
  const { text, cutLines } = takeLastLines(cleaned, OUTPUT_TAIL_MAX_LINES, OUTPUT_TAIL_MAX_CHARS);
  const note = cutLines > 0 ? `… ${cutLines} earlier ${cutLines === 1 ? 'line' : 'lines'} cut\n\n` : '';
  return renderDetails('Last lines of output', `${note}${renderCodeBlock(text)}`);
}
