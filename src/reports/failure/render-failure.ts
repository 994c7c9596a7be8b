import { forCodeBlock } from '../../domain/untrusted-text.ts';
import { renderCodeBlock, renderInlineText } from '../markdown.ts';
import { renderOutputTail } from './render-output-tail.ts';
import type { RunFailure } from './run-failure.ts';

/** An excerpt is a few lines of a config file or an example; more than this is a mistake, not an excerpt. */
const MAX_EXCERPT_LINES = 40;
const MAX_EXCERPT_CHARS = 4000;

/**
 * A failed run in Markdown, in the order a reader needs it:
 *
 * ```text
 * ❌ **benchmark.command failed on head (exit code 3)**
 *
 * <problem>
 *
 * <excerpt in a code block, when there is one>
 *
 * **What to do:** <fix>
 *
 * <details><summary>Last lines of output</summary> … </details>
 * ```
 *
 * Every field is escaped (see `renderInlineText`, `renderCodeBlock`), so text quoted from input or output
 * cannot add HTML, links, mentions, or close the code block and the details element.
 */
export function renderFailure(failure: RunFailure): string {
  const sections = [`❌ **${renderInlineText(failure.title, 200)}**`, renderInlineText(failure.problem)];
  const excerpt = failure.excerpt === undefined ? '' : forCodeBlock(failure.excerpt);
  if (excerpt !== '') sections.push(renderCodeBlock(firstLines(excerpt)));
  sections.push(`**What to do:** ${renderInlineText(failure.fix)}`);
  const tail = failure.outputTail === undefined ? '' : renderOutputTail(failure.outputTail);
  if (tail !== '') sections.push(tail);
  return sections.join('\n\n');
}

/** An excerpt's start matters (the first problems in the file): keep it, and say how much was left out. */
function firstLines(text: string): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  let length = 0;
  for (const line of lines.slice(0, MAX_EXCERPT_LINES)) {
    if (length + line.length + 1 > MAX_EXCERPT_CHARS) break;
    kept.push(line);
    length += line.length + 1;
  }
  const cut = lines.length - kept.length;
  return cut > 0 ? `${kept.join('\n')}\n… ${cut} more ${cut === 1 ? 'line' : 'lines'}` : kept.join('\n');
}
