/** Describes raw command output for error messages: how long it is and how it starts. */
export function describeOutput(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const first = lines[0];
  if (first === undefined) return 'is empty';
  const start = first.trim().length > 60 ? `${first.trim().slice(0, 60)}…` : first.trim();
  return `has ${lines.length} non-empty line${lines.length === 1 ? '' : 's'} and starts with \`${start}\``;
}
