import type { ProfiledFunction, ProfileSummary } from './profile-summary.ts';

/** Rows per table: enough to see past the one hot loop, few enough to read (pprof's `-nodecount` too). */
export const PROFILE_TOP = 20;

/**
 * `bots/profile.txt`: the top functions by self time and by total time, as fixed-width plain text (the same text
 * goes into the analyzer's prompt and, in a code block, on the PR). Names and paths come from the profiled code
 * and were cleaned by the parsers; here they are only laid out.
 */
export function renderProfileText(summary: ProfileSummary, sha: string): string {
  const total = `${formatMs(summary.totalMs)} ms`;
  return [
    `CPU profile of the benchmark command on the starting commit ${sha.slice(0, 12)}, by ${summary.tool}: ${total} of CPU time.`,
    '',
    `Top functions by self time (time in the function itself):`,
    ...renderTable(top(summary.functions, 'selfMs'), summary.totalMs),
    '',
    `Top functions by total time (the function and everything it calls):`,
    ...renderTable(top(summary.functions, 'totalMs'), summary.totalMs),
    '',
  ].join('\n');
}

function top(functions: readonly ProfiledFunction[], key: 'selfMs' | 'totalMs'): ProfiledFunction[] {
  const other = key === 'selfMs' ? 'totalMs' : 'selfMs';
  return functions
    .filter((entry) => entry[key] > 0)
    .sort((a, b) => b[key] - a[key] || b[other] - a[other] || a.name.localeCompare(b.name))
    .slice(0, PROFILE_TOP);
}

function renderTable(rows: readonly ProfiledFunction[], totalMs: number): string[] {
  if (rows.length === 0) return ['  (no samples)'];
  const header = `${'self ms'.padStart(10)} ${'self'.padStart(6)} ${'total ms'.padStart(10)} ${'total'.padStart(6)}  function  (location)`;
  return [
    header,
    ...rows.map((row) => {
      const where = row.location === '' ? '' : `  (${row.location})`;
      return `${formatMs(row.selfMs).padStart(10)} ${percent(row.selfMs, totalMs).padStart(6)} ${formatMs(row.totalMs).padStart(10)} ${percent(row.totalMs, totalMs).padStart(6)}  ${row.name}${where}`;
    }),
  ];
}

function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

function percent(part: number, whole: number): string {
  return whole <= 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`;
}
