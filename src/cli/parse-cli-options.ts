import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../domain/errors.ts';

/** `util.parseArgs` with its errors turned into usage errors that name the fix. */
export function parseCliOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  command: string,
  args: string[],
  options: T,
  allowPositionals: boolean,
) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${command}: ${message}. Run "perfbot help" for the options.`);
  }
}

export function parsePositiveInt(name: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`${name}: expected an integer ≥ ${min}, got "${value}"`);
  }
  return Number(value);
}
