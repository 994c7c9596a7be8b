/**
 * A collapsed GitHub `<details>` block. `summary` must be trusted text (it sits inside HTML); the blank lines
 * around `body` make GitHub parse it as Markdown, so tables and code fences render inside.
 */
export function renderDetails(summary: string, body: string): string {
  return `<details><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
