import type { CheckRunOutput } from './github-client.ts';

/** GitHub rejects a check run whose `output.summary` or `output.text` is longer than this (characters). */
export const CHECK_OUTPUT_LIMIT = 65_535;

/** `output` with `summary` and `text` cut to GitHub's limit, each ending with a note when cut. */
export function truncateCheckOutput(output: CheckRunOutput, limit: number = CHECK_OUTPUT_LIMIT): CheckRunOutput {
  const truncated: CheckRunOutput = { title: output.title, summary: truncateText(output.summary, limit) };
  if (output.text !== undefined) truncated.text = truncateText(output.text, limit);
  return truncated;
}

/** `text` itself when it fits in `limit` characters, else its start and a note saying how much was cut. */
export function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  // The note's length depends on the number it prints; size it for the worst case so the result always fits.
  const note = (omitted: number) => `\n\n… (truncated: ${omitted} more characters did not fit in GitHub's limit)`;
  let keep = limit - note(text.length).length;
  // Never cut a surrogate pair in half: GitHub would receive invalid UTF-16.
  if (/[\uD800-\uDBFF]/.test(text.charAt(keep - 1))) keep -= 1;
  return text.slice(0, keep) + note(text.length - keep);
}
