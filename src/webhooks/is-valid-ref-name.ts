import { PERF_COMMAND_LIMITS } from './perf-command.ts';

/** ASCII control characters, space, and the characters git reserves for revision syntax and globs. */

const FORBIDDEN_CHARACTERS = /[\u0000-\u0020\u007f~^:?*[\\]/;

/**
 * Whether `ref` is a name git would accept for a branch or tag: the rules of `git check-ref-format
 * --allow-onelevel` (no `..`, no control characters, no space `~ ^ : ? * [ \`, no `@{`, not `@`, no leading or
 * trailing `/`, no `//`, no trailing `.`, no component starting with `.` or ending in `.lock`), plus two of ours:
 * - no leading `-`, so the name can never be read as an option (`--upload-pack=…`) by git or any other tool;
 * - at most 255 UTF-8 bytes, the usual file-system limit for a path component.
 */
export function isValidRefName(ref: string): boolean {
  if (ref === '' || ref === '@' || ref.startsWith('-')) return false;
  if (new TextEncoder().encode(ref).length > PERF_COMMAND_LIMITS.refLength) return false;
  if (FORBIDDEN_CHARACTERS.test(ref) || ref.includes('..') || ref.includes('@{') || ref.endsWith('.')) return false;
  // Splitting on `/` also catches a leading or trailing `/` and `//`: each leaves an empty component.
  return ref
    .split('/')
    .every((component) => component !== '' && !component.startsWith('.') && !component.endsWith('.lock'));
}
