import { truncateCodePoints } from '../../domain/untrusted-text.ts';

/** Describes raw command output for error messages: how long it is and how it starts. */
export function describeOutput(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const first = lines[0];
  if (first === undefined) return 'is empty';
  const start = truncateCodePoints(first.trim(), 61);
  return `has ${lines.length} non-empty line${lines.length === 1 ? '' : 's'} and starts with \`${start}\``;
}
