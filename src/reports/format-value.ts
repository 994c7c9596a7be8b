import { formatNumber } from './format-number.ts';

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
