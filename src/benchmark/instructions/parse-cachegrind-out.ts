/**
 * The instruction reads (`Ir`) of one cachegrind out file, from its first and last bytes only (the file lists
 * every function and can be megabytes; the two lines that matter are the `events:` header near the top and the
 * `summary:` — `totals:` in some versions — line at the end). The file was written inside the sandbox, so it is
 * parsed strictly: anything unexpected is an error with a reason, never a guess.
 */
export function parseCachegrindOut(head: string, tail: string): number {
  const events = /^events:[ \t]+(.+)$/m.exec(head)?.[1]?.trim().split(/\s+/);
  if (!events) throw new Error('no "events:" line at its start');
  const index = events.indexOf('Ir');
  if (index < 0) throw new Error(`its events (${events.slice(0, 5).join(' ')}) do not include Ir`);
  const lines = tail.split('\n').filter((line) => line.trim() !== '');
  const last = lines[lines.length - 1] ?? '';
  const summary = /^(?:summary|totals):((?:[ \t]+\d{1,16})+)[ \t]*$/.exec(last);
  if (!summary) throw new Error('it does not end with a "summary:" line of counts');
  const counts = summary[1]!.trim().split(/\s+/);
  const value = counts[index];
  if (value === undefined) throw new Error(`its summary has ${counts.length} counts for ${events.length} events`);
  return Number(value);
}
