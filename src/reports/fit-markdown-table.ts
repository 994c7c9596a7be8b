/**
 * A GFM table (header, delimiter row, one line per row) cut to at most `maxLength` characters by dropping rows
 * from the end, followed by a note saying how many were left out. Tables are rendered most important row first,
 * so the rows that matter stay. Returns the table unchanged when it fits, and '' when not even the header does.
 */
export function fitMarkdownTable(table: string, maxLength: number): string {
  if (table.length <= maxLength) return table;
  const lines = table.split('\n');
  const rowCount = lines.length - 2;
  const note = (omitted: number) => `\n\n… ${omitted} more ${omitted === 1 ? 'row' : 'rows'} not shown`;
  let length = (lines[0]?.length ?? 0) + 1 + (lines[1]?.length ?? 0);
  let kept = 0;
  while (kept < rowCount) {
    const next = length + 1 + (lines[kept + 2]?.length ?? 0);
    if (next + note(rowCount - kept - 1).length > maxLength) break;
    length = next;
    kept += 1;
  }
  if (kept === 0 && length + note(rowCount).length > maxLength) return '';
  return `${lines.slice(0, kept + 2).join('\n')}${note(rowCount - kept)}`;
}
