import { z } from 'zod';
import { expected } from './expected.ts';
import { percent } from './percent.ts';

const confidence = expected('a number from 0.8 to 0.999 like 0.95');
const fdr = expected('a number above 0 and below 1 like 0.05');

/**
 * The `thresholds` section. Percentages are written as `2` or `"2%"` and stored as fractions (`0.02`);
 * `confidence` and `fdr` are probabilities and are written as fractions already.
 */
export const ThresholdsConfig = z
  .strictObject(
    {
      noise: percent({ min: 0, max: 50 })
        .prefault(2)
        .describe('Changes smaller than this percentage are reported as unchanged, however significant.'),
      confidence: z
        .number(confidence)
        .min(0.8, confidence)
        .max(0.999, confidence)
        .default(0.95)
        .describe('Confidence level of the reported intervals.'),
      regressionGate: percent({ min: 0, max: 100 })
        .prefault(5)
        .describe('A significant slowdown larger than this percentage fails the check.'),
      fdr: z
        .number(fdr)
        .gt(0, fdr)
        .lt(1, fdr)
        .default(0.05)
        .describe('False discovery rate (Benjamini–Hochberg q) across all compared benchmarks.'),
    },
    expected('a mapping of threshold settings'),
  )
  .prefault({})
  .describe('When a change counts: noise band, confidence, regression gate, false discovery rate.');
export type ThresholdsConfig = z.infer<typeof ThresholdsConfig>;
