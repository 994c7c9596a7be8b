import { z } from 'zod';

/** One median of one benchmark metric; only finite values are kept (JSON has no NaN). */
export const BenchFigure = z.strictObject({
  benchmark: z.string(),
  metric: z.string(),
  unit: z.string(),
  median: z.number(),
});
export type BenchFigure = z.infer<typeof BenchFigure>;

/**
 * The headline change of one verified run: the primary time metric of a named benchmark, or the geometric
 * mean over several (`scope` says which, in words). `improvement` is the change turned so that positive is
 * better (`0.2` = 20% better), which makes iterations comparable whatever the metric's direction.
 */
export const PrimaryChange = z.strictObject({
  metric: z.string(),
  scope: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('benchmark'), benchmark: z.string() }),
    z.strictObject({ kind: z.literal('geomean'), count: z.int().min(2) }),
  ]),
  change: z.number(),
  ci: z.tuple([z.number(), z.number()]),
  improvement: z.number(),
});
export type PrimaryChange = z.infer<typeof PrimaryChange>;

/**
 * What the state keeps of a benchmark report: where the full JSON is (in `bots/`) and the medians of time and
 * memory per benchmark, so status and final reports can be written without re-reading the file.
 */
export const BenchSnapshot = z.strictObject({
  reportJsonPath: z.string().min(1),
  sha: z.string().optional(),
  figures: z.array(BenchFigure),
});
export type BenchSnapshot = z.infer<typeof BenchSnapshot>;

/** A VERIFY run: the head medians of that iteration and its headline change against the baseline. */
export const VerifySnapshot = BenchSnapshot.extend({
  iteration: z.int().min(1),
  primary: PrimaryChange.optional(),
  /** SHA-256 of the change that was measured (set when the snapshot becomes the best, to go back to it). */
  patchSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type VerifySnapshot = z.infer<typeof VerifySnapshot>;
