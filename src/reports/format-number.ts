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
