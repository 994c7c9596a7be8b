/** The end of a text, cut to what a comment can show. */
export interface LastLines {
  text: string;
  /** Whole lines left out before `text`. */
  cutLines: number;
}

/**
 * The last `maxLines` lines of `text` that fit in `maxChars` characters: the end of a log is where the error
 * is. When even the last line alone is too long, its end is kept, starting with `…`. Never splits a
 * surrogate pair.
 */
export function takeLastLines(text: string, maxLines: number, maxChars: number): LastLines {
  const lines = text.split('\n');
  const kept: string[] = [];
  let length = 0;
  for (let index = lines.length - 1; index >= 0 && kept.length < maxLines; index--) {
    const line = lines[index] as string;
    const added = line.length + (kept.length > 0 ? 1 : 0);
    if (length + added > maxChars) {
      if (kept.length === 0)
        kept.push(
          `…${Array.from(line)
            .slice(-(maxChars - 1))
            .join('')}`,
        );
      break;
    }
    kept.unshift(line);
    length += added;
  }
  return { text: kept.join('\n'), cutLines: lines.length - kept.length };
}
