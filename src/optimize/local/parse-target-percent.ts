import { parsePercentOption } from './parse-percent-option.ts';

/** `--target 20%` (or `20`) as a fraction (`0.2`); the same range perf.yml accepts for `improve`. */
export function parseTargetPercent(value: string | undefined): number | undefined {
  return parsePercentOption('--target', value, 'rejected');
}
