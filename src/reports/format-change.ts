/**
 * Percent formatting for relative changes.
 *
 * Negative numbers use the ASCII hyphen-minus (`-4.1%`), not the typographic minus U+2212: readers copy these
 * numbers into spreadsheets, issues and `grep`, where U+2212 is not a minus sign. Every renderer uses these
 * helpers, so the choice stays consistent across the comment, the table and the chart.
 */

/** `0.123` → `+12.3%`, `-0.041` → `-4.1%`, a change that rounds to zero → `0.0%`; non-finite → `n/a`. */
export function formatChange(change: number): string {
  if (!Number.isFinite(change)) return 'n/a';
  const percent = roundPercent(change);
  if (percent === 0) return '0.0%';
  return `${percent > 0 ? '+' : '-'}${Math.abs(percent).toFixed(1)}%`;
}

/** A confidence interval of a change: `[0.081, 0.169]` → `[+8.1%, +16.9%]`. */
export function formatCi(ci: readonly [number, number]): string {
  return `[${formatChange(ci[0])}, ${formatChange(ci[1])}]`;
}

/** An unsigned magnitude: `0.02` → `2.0%`, `-0.234` → `23.4%`; used for noise bands, MDEs and "23.4% slower". */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return 'n/a';
  return `${Math.abs(roundPercent(fraction)).toFixed(1)}%`;
}

/** Rounds to one decimal place of a percent, mapping -0 to 0 so `-0.0%` never appears. */
function roundPercent(fraction: number): number {
  const rounded = Math.round(fraction * 1000) / 10;
  return rounded === 0 ? 0 : rounded;
}
