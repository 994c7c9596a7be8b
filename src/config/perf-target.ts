import { z } from 'zod';
import { expected } from './expected.ts';
import { percent } from './percent.ts';

/** A goal for `/perf optimize`: make matching benchmarks better on a metric, or use less memory. */
export type PerfTarget =
  | { kind: 'improve'; benchmark: string; improve: number; metric: string }
  | { kind: 'reduceMemory'; benchmark: string; reduceMemory: number };

const name = expected('a non-empty string');

/**
 * One entry of `targets`. Written as one mapping with exactly one of `improve` / `reduceMemory` (a plain union of
 * two mappings would make a typo in either key report two unrelated failures); parsed to the `PerfTarget` union.
 */
export const PerfTarget = z
  .strictObject(
    {
      benchmark: z.string(name).min(1, name).describe('Glob over benchmark names this target applies to.'),
      improve: percent({ min: 0, exclusiveMin: true, max: 1000 })
        .optional()
        .describe('Required improvement of the metric, in percent (20 = 20% better).'),
      metric: z.string(name).min(1, name).optional().describe('Metric the improve target is about; default time.'),
      reduceMemory: percent({ min: 0, exclusiveMin: true, max: 100 })
        .optional()
        .describe('Required reduction of peak memory, in percent.'),
    },
    expected('a mapping with benchmark and improve or reduceMemory'),
  )
  // Only for the JSON Schema (editors): exactly one of the two goals. Parsing checks it below with clearer words.
  .meta({ oneOf: [{ required: ['improve'] }, { required: ['reduceMemory'] }] })
  .transform((target, ctx): PerfTarget => {
    const { benchmark, improve, reduceMemory, metric } = target;
    if (improve !== undefined && reduceMemory !== undefined) {
      ctx.issues.push({ code: 'custom', input: target, message: 'expected improve or reduceMemory, got both' });
    } else if (improve !== undefined) {
      return { kind: 'improve', benchmark, improve, metric: metric ?? 'time' };
    } else if (reduceMemory === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: target,
        message: 'expected improve (a speed target) or reduceMemory (a memory target), got neither',
      });
    } else if (metric !== undefined) {
      ctx.issues.push({
        code: 'custom',
        input: target,
        path: ['metric'],
        message: 'only applies to improve targets (reduceMemory is always peak memory)',
      });
    } else {
      return { kind: 'reduceMemory', benchmark, reduceMemory };
    }
    return z.NEVER;
  });
