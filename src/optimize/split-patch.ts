/** The part of a `git diff` output about one file. */
export interface PatchSection {
  /** Repository-relative path (both sides are the same: diffs are made with `--no-renames`). */
  path: string;
  /** The section's text, from its `diff --git` line up to the next one, newline-terminated. */
  text: string;
}

/**
 * Splits a `git diff --no-renames` patch into one section per file. Paths are read from the `diff --git`
 * header: `a/P b/P` (both halves equal, so the split point is known even when P contains spaces), or the
 * C-quoted form git uses for unusual characters (`"a/t\303\251st" "b/t\303\251st"`).
 * @throws Error on text that is not such a patch (a programming error: the input comes from git).
 */
export function splitPatch(patch: string): PatchSection[] {
  if (patch === '') return [];
  const starts = [...patch.matchAll(/^diff --git /gm)].map((match) => match.index);
  if (starts[0] !== 0) throw new Error('not a git patch: it does not start with "diff --git"');
  return starts.map((start, index) => {
    const end = starts[index + 1] ?? patch.length;
    const text = patch.slice(start, end);
    const header = text.slice('diff --git '.length, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
    return { path: headerPath(header), text: text.endsWith('\n') ? text : `${text}\n` };
  });
}

/** Joins sections back into one patch (the inverse of `splitPatch`). */
export function joinPatch(sections: readonly PatchSection[]): string {
  return sections.map((section) => section.text).join('');
}

function headerPath(header: string): string {
  if (header.startsWith('"')) {
    const [first] = readQuoted(header, 0);
    if (!first.startsWith('a/')) throw new Error(`unexpected diff header: ${header}`);
    return first.slice(2);
  }
  const length = (header.length - 5) / 2;
  const a = header.slice(2, 2 + length);
  if (!header.startsWith('a/') || !Number.isInteger(length) || header !== `a/${a} b/${a}`) {
    throw new Error(`unexpected diff header: ${header}`);
  }
  return a;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Reads a C-quoted string starting at `from` (git's `quote_c_style`); returns it and the index after it. */
function readQuoted(text: string, from: number): [string, number] {
  const bytes: number[] = [];
  let index = from + 1;
  while (index < text.length && text[index] !== '"') {
    const char = text[index] as string;
    if (char !== '\\') {
      bytes.push(...Buffer.from(char, 'utf8'));
      index += 1;
      continue;
    }
    const next = text[index + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(text.slice(index + 1, index + 4), 8));
      index += 4;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      index += 2;
    }
  }
  return [Buffer.from(bytes).toString('utf8'), index + 1];
}
