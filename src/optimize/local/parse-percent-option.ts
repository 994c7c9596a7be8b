import { UsageError } from '../../domain/errors.ts';

/**
 * A percentage option of `perfbot optimize` (`20%` or `20`) as a fraction, with the range perf.yml accepts:
 * above 0 for a target, from 0 for an allowance (`--max-memory 0%`: no increase at all). At most 1000.
 * @throws UsageError naming the flag and what it expects.
 */
export function parsePercentOption(
  flag: string,
  value: string | undefined,
  zero: 'allowed' | 'rejected',
): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(value.trim());
  const percent = match === null ? Number.NaN : Number(match[1]);
  const low = zero === 'allowed' ? percent >= 0 : percent > 0;
  if (!(low && percent <= 1000)) {
    const range = zero === 'allowed' ? 'from 0 to 1000' : 'above 0 and at most 1000';
    throw new UsageError(`${flag}: expected a percentage ${range}, like 20%, got "${value}"`);
  }
  return percent / 100;
}
