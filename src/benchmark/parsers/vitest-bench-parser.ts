import { z } from 'zod';
import { BenchOutputError } from '../../domain/errors.ts';
import { checkJsonShape } from './check-json-shape.ts';
import { createBenchmarkCollector } from './create-benchmark-collector.ts';
import { describeWithKey, isJsonObject } from './describe-json-value.ts';
import { extractJsonDocument } from './extract-json-document.ts';
import type { BenchParser } from './parsed-result.ts';
import { readJsonDocument } from './read-json-document.ts';
import { toNanoseconds } from './to-nanoseconds.ts';

const LABEL = 'vitest bench JSON';

const VitestBenchOutput = z.object({
  files: z.array(
    z.object({
      groups: z.array(
        z.object({
          fullName: z.string(),
          benchmarks: z.array(
            z.object({
              name: z.string(),
              samples: z.array(z.number()).optional(),
              median: z.number().optional(),
              mean: z.number(),
            }),
          ),
        }),
      ),
    }),
  ),
});

/**
 * `vitest bench --outputJson FILE`. The name is the group's `fullName` plus the benchmark's name
 * (`sum.bench.ts > sum > reduce`: the file path relative to the root, so the same on base and head checkouts).
 * `time` samples are `samples` (ms → ns) when present; vitest 4 always writes `samples: []`, so the
 * benchmark's `median` (else `mean`) is then the one sample of the run.
 */
export const vitestBenchParser: BenchParser = {
  format: 'vitest',
  detect(text) {
    const document = extractJsonDocument(text);
    if (!isJsonObject(document) || !Array.isArray(document.files)) return false;
    const first: unknown = document.files[0];
    return isJsonObject(first) && Array.isArray(first.groups);
  },
  parse(text) {
    const document = readJsonDocument(text, LABEL, 'vitest');
    if (!isJsonObject(document) || !Array.isArray(document.files)) {
      throw new BenchOutputError(
        `${LABEL}: expected an object with a \`files\` array (from \`vitest bench --outputJson FILE\`), ` +
          `found ${describeWithKey(document, 'files')}`,
        'vitest',
      );
    }
    const { files } = checkJsonShape(VitestBenchOutput, document, LABEL, 'vitest');
    const collector = createBenchmarkCollector();
    for (const group of files.flatMap((file) => file.groups)) {
      for (const benchmark of group.benchmarks) {
        const name = `${group.fullName} > ${benchmark.name}`;
        const samples = benchmark.samples?.length ? benchmark.samples : [benchmark.median ?? benchmark.mean];
        for (const ms of samples) {
          collector.add(name, 'time', { unit: 'ns', lowerIsBetter: true }, toNanoseconds(ms, 'ms'));
        }
      }
    }
    const benchmarks = collector.benchmarks();
    if (benchmarks.length === 0) {
      const message = `${LABEL}: no benchmarks in ${files.length} file(s); did vitest find any *.bench.ts files?`;
      throw new BenchOutputError(message, 'vitest');
    }
    return { format: 'vitest', benchmarks };
  },
};
