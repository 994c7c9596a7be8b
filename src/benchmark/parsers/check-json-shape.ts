import type { z } from 'zod';
import { BenchOutputError } from '../../domain/errors.ts';

/**
 * Validates a parsed JSON document against a format's schema; on failure throws a `BenchOutputError` naming the
 * first offending key path, e.g. "hyperfine JSON: at `results[0].times`: Invalid input: expected array, received string".
 */
export function checkJsonShape<T>(
  schema: z.ZodType<T>,
  value: unknown,
  label: string,
  format: string,
  /** Appended to the message, e.g. a reminder of the expected shape. */
  hint?: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where =
    issue === undefined || issue.path.length === 0 ? 'at the top level' : `at \`${formatPath(issue.path)}\``;
  const message = `${label}: ${where}: ${issue?.message ?? 'unexpected shape'}`;
  throw new BenchOutputError(hint === undefined ? message : `${message}; ${hint}`, format);
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
