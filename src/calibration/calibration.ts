import { z } from 'zod';

/** One benchmark metric's paired noise on one machine: the SD of per-pair log-ratios of an A/A run. */
export const BenchmarkNoise = z.object({
  benchmark: z.string(),
  metric: z.string(),
  noise: z.number().nonnegative(),
  pairs: z.int().positive(),
});
export type BenchmarkNoise = z.infer<typeof BenchmarkNoise>;

/**
 * An A/A run's noise per benchmark metric, for one repository (`repo`: `owner/name`, or the local path in the
 * CLI) on one machine fingerprint. Parsed when read back: a record that does not parse counts as none.
 */
export const Calibration = z.object({
  repo: z.string(),
  /** The commit measured against itself. */
  sha: z.string(),
  fingerprint: z.string(),
  machine: z.string(),
  /** ISO date of the measurement. */
  measuredAt: z.string(),
  benchmarks: z.array(BenchmarkNoise),
});
export type Calibration = z.infer<typeof Calibration>;
