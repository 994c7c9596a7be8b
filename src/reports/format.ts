/**
 * How Perfbot writes numbers: relative changes, confidence levels, durations, plain numbers, p-values and
 * measured values with their units. Every renderer uses these, so a figure reads the same in the comment, the
 * table, the chart and the check run.
 *
 * Negative numbers use the ASCII hyphen-minus (`-4.1%`), not the typographic minus U+2212: readers copy these
 * numbers into spreadsheets, issues and `grep`, where U+2212 is not a minus sign.
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

/** A confidence level as a percent label without needless decimals: `0.95` → `95%`, `0.975` → `97.5%`. */
export function formatConfidence(confidence: number): string {
  const percent = Math.round(confidence * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

/** A p-value for a table cell: `0.012`, `<0.001`; non-finite → `n/a`. */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p < 0.001) return '<0.001';
  return p.toFixed(3);
}

/** A wall-clock duration: `850 ms`, `12.3 s`, `4 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'n/a';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) {
    const seconds = Math.round(ms / 100) / 10;
    if (seconds < 60) return `${seconds.toFixed(1)} s`;
  }
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 3600) {
    return `${Math.floor(totalSeconds / 60)} min ${pad(totalSeconds % 60)} s`;
  }
  const totalMinutes = Math.round(ms / 60_000);
  return `${Math.floor(totalMinutes / 60)} h ${pad(totalMinutes % 60)} min`;
}

function pad(value: number): string {
  return value.toString().padStart(2, '0');
}

/**
 * Formats a finite number with three significant digits and no exponent for everyday magnitudes:
 * `812`, `45.6`, `2.31`, `0.500`. Values of 1000 and above keep all their integer digits (`1234`),
 * because dropping digits to a `1.23e+3` form reads worse than one extra digit.
 */
export function formatNumber(value: number): string {
  if (value === 0) return '0';
  if (Math.abs(value) >= 999.5) return Math.round(value).toString();
  const rounded = Number(value.toPrecision(3));
  const abs = Math.abs(rounded);
  if (abs >= 100) return Math.round(rounded).toString();
  if (abs >= 10) return rounded.toFixed(1);
  if (abs >= 1) return rounded.toFixed(2);
  if (abs >= 0.001) return rounded.toPrecision(3);
  return rounded.toExponential(2);
}

interface Scale {
  factor: number;
  label: string;
}

const TIME_TO_NS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9 };
const TIME_SCALES: Scale[] = [
  { factor: 1, label: 'ns' },
  { factor: 1e3, label: 'µs' },
  { factor: 1e6, label: 'ms' },
  { factor: 1e9, label: 's' },
];
const BINARY_SCALES: Scale[] = [
  { factor: 1, label: 'B' },
  { factor: 1024, label: 'KiB' },
  { factor: 1024 ** 2, label: 'MiB' },
  { factor: 1024 ** 3, label: 'GiB' },
  { factor: 1024 ** 4, label: 'TiB' },
];
/** Go reports `MB/s` in decimal megabytes, so these rates stay decimal. */
const DECIMAL_BYTE_SCALES: Scale[] = [
  { factor: 1, label: 'B' },
  { factor: 1e3, label: 'kB' },
  { factor: 1e6, label: 'MB' },
  { factor: 1e9, label: 'GB' },
  { factor: 1e12, label: 'TB' },
];
const COUNT_SCALES: Scale[] = [
  { factor: 1, label: '' },
  { factor: 1e3, label: 'k' },
  { factor: 1e6, label: 'M' },
  { factor: 1e9, label: 'G' },
];

/**
 * Formats a measured value in human units with three significant digits.
 *
 * - time (`ns`, also `µs`/`us`/`ms`/`s`): `812 ns`, `1.23 µs`, `45.6 ms`, `2.31 s`
 * - bytes (`B`, and per-op forms like `B/op`): `512 B`, `1.50 KiB`, `23.4 MiB/op`
 * - rates: `B/s` → `MiB/s` (binary), `MB/s` → `GB/s` (decimal, as Go reports it), any other `x/s` → `1.23k ops/s`
 * - instruction counts: `537M instructions`
 * - anything else: `12.0 allocs/op`
 *
 * Non-finite values render as `n/a` (they only appear when a run produced no usable samples).
 */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'n/a';
  const timeFactor = TIME_TO_NS[unit];
  if (timeFactor !== undefined) return scaled(value * timeFactor, TIME_SCALES, (label) => ` ${label}`);

  const perIndex = unit.indexOf('/');
  const head = perIndex === -1 ? unit : unit.slice(0, perIndex);
  const tail = perIndex === -1 ? '' : unit.slice(perIndex);
  if (unit === 'instructions') return scaled(value, COUNT_SCALES, (label) => `${label} instructions`);
  if (head === 'B') return scaled(value, BINARY_SCALES, (label) => ` ${label}${tail}`);
  if (head === 'MB' && tail === '/s') return scaled(value * 1e6, DECIMAL_BYTE_SCALES, (label) => ` ${label}/s`);
  if (tail === '/s' && head !== '') return scaled(value, COUNT_SCALES, (label) => `${label} ${unit}`);
  return unit === '' ? formatNumber(value) : `${formatNumber(value)} ${unit}`;
}

/** Picks the largest scale that keeps the number at or above 1, re-checking after rounding (999.6 ns → 1.00 µs). */
function scaled(value: number, scales: Scale[], suffix: (label: string) => string): string {
  const abs = Math.abs(value);
  let index = 0;
  while (index + 1 < scales.length && abs >= (scales[index + 1]?.factor ?? Infinity)) index++;
  let scale = scales[index] as Scale;
  const next = scales[index + 1];
  if (next !== undefined && Math.abs(Number((value / scale.factor).toPrecision(3))) >= next.factor / scale.factor) {
    scale = next;
  }
  return `${formatNumber(value / scale.factor)}${suffix(scale.label)}`;
}
