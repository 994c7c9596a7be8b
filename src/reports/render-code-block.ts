/**
 * A fenced code block that cannot be closed from inside: the fence is a run of backticks longer than any run
 * in `text` (at least three), so no line of `text` can end it. Inside, GitHub shows HTML and `@mentions`
 * literally. `text` should already be cleaned (see `cleanOutputText`), unless it must stay exact (a patch).
 * `language` (`diff`, `text`…) is the info string GitHub highlights with.
 */
export function renderCodeBlock(text: string, language = ''): string {
  const fence = codeFence(text);
  return `${fence}${language}\n${text}\n${fence}`;
}

/** The fence `renderCodeBlock` puts around `text`: one backtick more than its longest run, at least three. */
export function codeFence(text: string): string {
  const longestRun = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  return '`'.repeat(Math.max(3, longestRun + 1));
}
