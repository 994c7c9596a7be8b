import { z } from 'zod';
import { BenchOutputError } from '../../domain/errors.ts';
import { checkJsonShape } from './check-json-shape.ts';
import { createBenchmarkCollector } from './create-benchmark-collector.ts';
import { describeWithKey, isJsonObject } from './describe-json-value.ts';
import { extractJsonDocument } from './extract-json-document.ts';
import type { BenchParser } from './parsed-result.ts';
import { readJsonDocument } from './read-json-document.ts';
import { toNanoseconds } from './to-nanoseconds.ts';

const LABEL = 'pytest-benchmark JSON';

const PytestBenchmarkOutput = z.object({
  benchmarks: z.array(
    z.object({
      name: z.string(),
      fullname: z.string().optional(),
      stats: z.object({ median: z.number(), data: z.array(z.number()).optional() }),
    }),
  ),
});

/**
 * pytest-benchmark `--benchmark-json` (or a `--benchmark-save` file). The name is `fullname`
 * (`tests/test_x.py::test_sort[100]`, parameters included); the `group` is ignored because `fullname` is already
 * unique and regrouping benchmarks should not rename them. `time` samples are `stats.data` (per-iteration
 * seconds → ns); files saved without `--benchmark-save-data` have no `data`, so `stats.median` is the one sample.
 */
export const pytestBenchmarkParser: BenchParser = {
  format: 'pytest-benchmark',
  detect(text) {
    const document = extractJsonDocument(text);
    if (!isJsonObject(document) || !Array.isArray(document.benchmarks)) return false;
    const first: unknown = document.benchmarks[0];
    return isJsonObject(document.machine_info) || (isJsonObject(first) && 'stats' in first && 'fullname' in first);
  },
  parse(text) {
    const document = readJsonDocument(text, LABEL, 'pytest-benchmark');
    if (!isJsonObject(document) || !Array.isArray(document.benchmarks)) {
      throw new BenchOutputError(
        `${LABEL}: expected an object with a \`benchmarks\` array (from \`pytest --benchmark-json=FILE\`), ` +
          `found ${describeWithKey(document, 'benchmarks')}`,
        'pytest-benchmark',
      );
    }
    const { benchmarks } = checkJsonShape(PytestBenchmarkOutput, document, LABEL, 'pytest-benchmark');
    if (benchmarks.length === 0) {
      const message = `${LABEL}: \`benchmarks\` is empty; did pytest collect any benchmark tests?`;
      throw new BenchOutputError(message, 'pytest-benchmark');
    }
    const collector = createBenchmarkCollector();
    for (const benchmark of benchmarks) {
      const samples = benchmark.stats.data?.length ? benchmark.stats.data : [benchmark.stats.median];
      const name = benchmark.fullname ?? benchmark.name;
      for (const seconds of samples) {
        collector.add(name, 'time', { unit: 'ns', lowerIsBetter: true }, toNanoseconds(seconds, 's'));
      }
    }
    return { format: 'pytest-benchmark', benchmarks: collector.benchmarks() };
  },
};
