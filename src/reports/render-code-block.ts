/**
 * A fenced code block that cannot be closed from inside: the fence is a run of backticks longer than any run
 * in `text` (at least three), so no line of `text` can end it. Inside, GitHub shows HTML and `@mentions`
 * literally. `text` should already be cleaned (see `cleanOutputText`).
 */
export function renderCodeBlock(text: string): string {
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}\n${text}\n${fence}`;
}
