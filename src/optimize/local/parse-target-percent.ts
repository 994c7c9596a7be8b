import { UsageError } from '../../domain/errors.ts';

/** `--target 20%` (or `20`) as a fraction (`0.2`); the same range perf.yml accepts for `improve`. */
export function parseTargetPercent(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)%?$/.exec(value.trim());
  const percent = match === null ? Number.NaN : Number(match[1]);
  if (!(percent > 0 && percent <= 1000)) {
    throw new UsageError(`--target: expected a percentage above 0 and at most 1000, like 20%, got "${value}"`);
  }
  return percent / 100;
}
