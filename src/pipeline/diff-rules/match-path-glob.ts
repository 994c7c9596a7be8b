/**
 * Path-aware glob matching for repository paths (`/`-separated, relative):
 * `**` matches any number of whole path segments (also none), `*` any run of characters within one segment,
 * `?` one character other than `/`; everything else is literal. Patterns are anchored at the repository root
 * (`*.ts` matches `a.ts`, not `src/a.ts`; write `**\/*.ts` for any depth), like `allowedPaths` is documented.
 */
export function matchPathGlob(glob: string, path: string): boolean {
  return pathGlobToRegExp(glob).test(path);
}

/** The regular expression behind `matchPathGlob`, for callers that test many paths against one glob. */
export function pathGlobToRegExp(glob: string): RegExp {
  let body = '';
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index] as string;
    if (char === '*' && glob[index + 1] === '*') {
      const slashAfter = glob[index + 2] === '/';
      const atSegmentStart = index === 0 || glob[index - 1] === '/';
      if (atSegmentStart && slashAfter) {
        body += '(?:[^/]+/)*'; // `**/`: zero or more leading directories
        index += 2;
      } else if (atSegmentStart && index + 2 === glob.length) {
        body += '.*'; // trailing `**`: everything below
        index += 1;
      } else {
        body += '[^/]*'; // `**` inside a segment acts like `*`
        index += 1;
      }
    } else if (char === '*') {
      body += '[^/]*';
    } else if (char === '?') {
      body += '[^/]';
    } else {
      body += char.replace(/[\\^$.+()|[\]{}]/g, '\\$&');
    }
  }
  return new RegExp(`^${body}$`);
}
