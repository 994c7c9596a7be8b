/**
 * Finds the JSON document in a benchmark command's output.
 *
 * Benchmark commands often print log lines around their JSON (`go test` noise, npm banners, hyperfine's progress
 * table when exporting to `/dev/stdout`), so this does not require the whole text to be JSON. It considers every
 * `{` or `[` that starts a line (after optional indentation), finds its matching bracket, and keeps the longest
 * candidate that parses: the outermost document wins over a one-line JSON log record printed before it.
 * JSON that starts mid-line (`result: {…}`) is not found.
 *
 * @returns the parsed object or array, or `undefined` when the text holds none.
 */
export function extractJsonDocument(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const whole = tryParseContainer(trimmed);
    if (whole !== undefined) return whole;
  }

  let best: { value: unknown; length: number } | undefined;
  const lineStart = /^[ \t]*[[{]/gm;
  let match: RegExpExecArray | null;
  while ((match = lineStart.exec(text)) !== null) {
    const start = match.index + match[0].length - 1;
    const end = findClosingBracket(text, start);
    if (end < 0) continue;
    const value = tryParseContainer(text.slice(start, end + 1));
    if (value === undefined) continue;
    if (best === undefined || end + 1 - start > best.length) best = { value, length: end + 1 - start };
    // Lines inside a parsed document are part of it, not separate candidates.
    lineStart.lastIndex = end + 1;
  }
  return best?.value;
}

/** Index of the bracket closing the one at `start`, skipping brackets inside strings; -1 when unbalanced. */
function findClosingBracket(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function tryParseContainer(candidate: string): unknown {
  try {
    const value: unknown = JSON.parse(candidate);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}
