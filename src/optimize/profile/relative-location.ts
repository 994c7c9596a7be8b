import path from 'node:path';
import { forMarkdownInline } from '../../domain/untrusted-text.ts';

/** Longest `file:line` shown: paths come from the profiled code, so one cannot flood a table. */
const MAX_LOCATION = 160;

/** `file:line` (or `file`) for a profile table: relative to the checkout `root` when inside it, cleaned and capped. */
export function relativeLocation(file: string, line: number | undefined, root: string | undefined): string {
  if (file === '') return '';
  const shown = root !== undefined && file.startsWith(`${root}${path.sep}`) ? path.relative(root, file) : file;
  return forMarkdownInline(line === undefined ? shown : `${shown}:${line}`, MAX_LOCATION);
}
