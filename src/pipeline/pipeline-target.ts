import { z } from 'zod';

const fraction = z.number().positive();
const glob = z.string().min(1);

/**
 * A target of one `/perf optimize` run, after merging `.github/perf.yml` with the command. Fractions, not
 * percentages (`0.1` = 10%). `source` says where it came from, so the reports can show it.
 *
 * - `improve`: every benchmark matching `benchmark` gets at least `improve` better on `metric`;
 * - `reduceMemory`: peak memory (`memory` rows) of every matching benchmark drops by at least `reduceMemory`;
 * - `overall`: the geometric mean of `metric` over all benchmarks improves by at least `improve`
 *   (what a bare `/perf optimize --target 20%` asks for);
 * - `anyImprovement`: no target given anywhere: at least one benchmark is significantly better on `metric`
 *   and none significantly worse.
 */
export const PipelineTarget = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('improve'),
    benchmark: glob,
    improve: fraction,
    metric: z.string().min(1),
    source: z.enum(['perf.yml', 'command']),
  }),
  z.strictObject({
    kind: z.literal('reduceMemory'),
    benchmark: glob,
    reduceMemory: fraction.max(1),
    source: z.literal('perf.yml'),
  }),
  z.strictObject({
    kind: z.literal('overall'),
    improve: fraction,
    metric: z.string().min(1),
    source: z.literal('command'),
  }),
  z.strictObject({ kind: z.literal('anyImprovement'), metric: z.string().min(1), source: z.literal('default') }),
]);
export type PipelineTarget = z.infer<typeof PipelineTarget>;
