import { z } from 'zod';
import { expected } from './expected.ts';

const count = expected('a positive integer');

/** `runs: 10` is shorthand for `runs: { min: 10, max: 10 }`. */
const RunsObject = z
  .strictObject(
    {
      min: z.int(count).min(1, count).default(6).describe('Pairs always run before the engine may stop early.'),
      // No default: an unset max lets the engine plan the pairs by the time budget (up to 500), a set one caps it.
      max: z
        .int(count)
        .min(1, count)
        .optional()
        .describe(
          'Pairs run at most, even when results stay unclear (default: as many as fit benchmark.timeBudgetSeconds, up to 500).',
        ),
    },
    expected('a positive integer or a mapping with min and max'),
  )
  .refine((runs) => runs.max === undefined || runs.min <= runs.max, {
    error: (issue) => {
      const runs = issue.input as { min: number; max: number };
      return `expected min to be at most max, got min ${runs.min} and max ${runs.max}`;
    },
  });

/**
 * How many interleaved base/head pairs to run: at least `min`, at most `max`; the engine stops in between
 * once the result is decided.
 */
export const RunsConfig = z
  .union([z.int(count).min(1, count), RunsObject], expected('a positive integer or a mapping with min and max'))
  .transform((runs) => (typeof runs === 'number' ? { min: runs, max: runs } : runs))
  .prefault({})
  .describe('Interleaved base/head pairs: a number N (exactly N) or { min, max }.');
export type RunsConfig = z.infer<typeof RunsConfig>;
