import { z } from 'zod';
import { BenchOutputError } from '../../domain/errors.ts';
import { checkJsonShape } from './check-json-shape.ts';
import { createBenchmarkCollector } from './create-benchmark-collector.ts';
import { describeWithKey, isJsonObject } from './describe-json-value.ts';
import { extractJsonDocument } from './extract-json-document.ts';
import type { BenchParser } from './parsed-result.ts';
import { readJsonDocument } from './read-json-document.ts';
import { toNanoseconds } from './to-nanoseconds.ts';

const LABEL = 'hyperfine JSON';

/** The fields of `hyperfine --export-json` we use (hyperfine's `BenchmarkResult`; times in seconds). */
const HyperfineExport = z.object({
  results: z.array(
    z.object({
      command: z.string(),
      mean: z.number(),
      times: z.array(z.number()).nullish(),
      memory_usage_byte: z.array(z.number()).nullish(),
      parameters: z.record(z.string(), z.string()).optional(),
    }),
  ),
});
type HyperfineResult = z.infer<typeof HyperfineExport>['results'][number];

/**
 * `hyperfine --export-json`: one benchmark per command, `time` from `times` (s → ns; `mean` as the single sample
 * when an old hyperfine wrote no `times`), `memory` (bytes) from `memory_usage_byte` when present.
 * The name is the command; when two results share it (`--command-name` with `-L`/`-P` parameters) the
 * parameters are appended: `seq-count (n=100)`.
 */
export const hyperfineParser: BenchParser = {
  format: 'hyperfine',
  detect(text) {
    const document = extractJsonDocument(text);
    if (!isJsonObject(document) || !Array.isArray(document.results)) return false;
    const first: unknown = document.results[0];
    return isJsonObject(first) && 'command' in first;
  },
  parse(text) {
    const document = readJsonDocument(text, LABEL, 'hyperfine');
    if (!isJsonObject(document) || !Array.isArray(document.results)) {
      throw new BenchOutputError(
        `${LABEL}: expected an object with a \`results\` array (from \`hyperfine --export-json FILE\`), ` +
          `found ${describeWithKey(document, 'results')}`,
        'hyperfine',
      );
    }
    const { results } = checkJsonShape(HyperfineExport, document, LABEL, 'hyperfine');
    if (results.length === 0) {
      throw new BenchOutputError(`${LABEL}: \`results\` is empty, hyperfine ran no commands`, 'hyperfine');
    }

    const collector = createBenchmarkCollector();
    for (const result of results) {
      const name = benchmarkName(result, results);
      for (const seconds of result.times ?? [result.mean]) {
        collector.add(name, 'time', { unit: 'ns', lowerIsBetter: true }, toNanoseconds(seconds, 's'));
      }
      for (const bytes of result.memory_usage_byte ?? []) {
        collector.add(name, 'memory', { unit: 'B', lowerIsBetter: true }, bytes);
      }
    }
    return { format: 'hyperfine', benchmarks: collector.benchmarks() };
  },
};

function benchmarkName(result: HyperfineResult, all: HyperfineResult[]): string {
  const parameters = Object.entries(result.parameters ?? {});
  const shared = all.filter((other) => other.command === result.command).length > 1;
  if (!shared || parameters.length === 0) return result.command;
  return `${result.command} (${parameters.map(([key, value]) => `${key}=${value}`).join(', ')})`;
}
