/**
 * The `instructions:u` count from `perf stat -x , -o FILE` (CSV: `value,unit,event,…`; `#` comments). Undefined
 * when perf printed the event without a count (`<not supported>`, `<not counted>`: no usable counter). Written
 * inside the sandbox, so parsed strictly: a malformed file is an error, never a guess.
 */
export function parsePerfStat(text: string): number | undefined {
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [value, , event] = line.split(',');
    if (event !== 'instructions:u' && event !== 'instructions') continue;
    if (value !== undefined && /^\d{1,16}$/.test(value)) return Number(value);
    if (value !== undefined && /^<not (?:supported|counted)>$/.test(value)) return undefined;
    throw new Error(`its instructions line has no count: "${line.slice(0, 100)}"`);
  }
  throw new Error('it has no instructions:u line');
}
