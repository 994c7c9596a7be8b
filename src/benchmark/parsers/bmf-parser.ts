import { z } from 'zod';
import { BenchOutputError } from '../../domain/errors.ts';
import { checkJsonShape } from './check-json-shape.ts';
import { createBenchmarkCollector, type BenchmarkCollector, type MetricSpec } from './create-benchmark-collector.ts';
import { describeJsonValue, isJsonObject } from './describe-json-value.ts';
import { extractJsonDocument } from './extract-json-document.ts';
import { isBiggerBetterUnit } from './is-bigger-better-unit.ts';
import type { BenchParser } from './parsed-result.ts';
import { readJsonDocument } from './read-json-document.ts';
import { isTimeUnit, toNanoseconds } from './to-nanoseconds.ts';

const LABEL = 'bmf';
const EXPECTED =
  'expected Bencher Metric Format `{ "<benchmark>": { "<measure>": { "value": n } } }`, an array of such objects, ' +
  'or a github-action-benchmark array `[{ "name": …, "unit": …, "value": n }]`';

/** Bencher Metric Format: benchmark → measure → metric. `lower_value`/`upper_value` are accepted and ignored. */
const BmfDocument = z.record(
  z.string(),
  z.record(
    z.string(),
    z.object({ value: z.number(), lower_value: z.number().optional(), upper_value: z.number().optional() }),
  ),
);
/** One entry of github-action-benchmark's `customSmallerIsBetter` / `customBiggerIsBetter` input. */
const CustomEntry = z.object({ name: z.string(), unit: z.string(), value: z.number() });

/**
 * Bencher Metric Format (BMF) JSON, plus github-action-benchmark's custom arrays.
 * - BMF object: `latency` → `time` (ns), `throughput` → ops/s (bigger is better), `build-time` (s → ns),
 *   `file-size` (B); other measures are unitless, lower is better unless the name reads as a rate.
 *   An array of BMF objects is several iterations: each adds one sample per measure.
 * - Custom array `[{ name, unit, value, range?, extra? }]`: the data does not say whether it was meant for
 *   `customSmallerIsBetter` or `customBiggerIsBetter`, so lower is better unless the unit is a rate (`ops/s`,
 *   anything ending in `/s`). Time units (`ns`, `us`, `ms`, `s`) become `time` in ns; any other unit names its own
 *   metric. A name repeated in the array adds samples.
 */
export const bmfParser: BenchParser = {
  format: 'bmf',
  detect(text) {
    const document = extractJsonDocument(text);
    const items = Array.isArray(document) ? document : [document];
    return items.length > 0 && items.every((item) => isCustomEntry(item) || isNonEmptyBmf(item));
  },
  parse(text) {
    const document = readJsonDocument(text, LABEL, 'bmf');
    const collector = createBenchmarkCollector();
    if (isJsonObject(document)) {
      addBmf(collector, checkJsonShape(BmfDocument, document, LABEL, 'bmf', EXPECTED));
    } else if (Array.isArray(document)) {
      document.forEach((item: unknown, index) => {
        const label = `${LABEL}: item [${index}]`;
        if (isJsonObject(item) && 'name' in item && 'value' in item) {
          addCustomEntry(collector, checkJsonShape(CustomEntry, item, label, 'bmf', EXPECTED));
        } else if (isJsonObject(item)) {
          addBmf(collector, checkJsonShape(BmfDocument, item, label, 'bmf', EXPECTED));
        } else {
          throw new BenchOutputError(`${label}: ${EXPECTED}, found ${describeJsonValue(item)}`, 'bmf');
        }
      });
    }
    const benchmarks = collector.benchmarks();
    if (benchmarks.length === 0) {
      throw new BenchOutputError(`${LABEL}: ${EXPECTED}, found ${describeJsonValue(document)}`, 'bmf');
    }
    return { format: 'bmf', benchmarks };
  },
};

function isCustomEntry(value: unknown): boolean {
  return CustomEntry.safeParse(value).success;
}

function isNonEmptyBmf(value: unknown): boolean {
  const result = BmfDocument.safeParse(value);
  return result.success && Object.values(result.data).some((measures) => Object.keys(measures).length > 0);
}

function addBmf(collector: BenchmarkCollector, document: z.infer<typeof BmfDocument>): void {
  for (const [benchmark, measures] of Object.entries(document)) {
    for (const [measure, { value }] of Object.entries(measures)) {
      const { metric, spec, scale } = bmfMeasure(measure);
      collector.add(benchmark, metric, spec, value * scale);
    }
  }
}

/** Bencher's built-in measures and their units; `scale` converts the value into `spec.unit`. */
function bmfMeasure(measure: string): { metric: string; spec: MetricSpec; scale: number } {
  switch (measure.toLowerCase()) {
    case 'latency':
      return { metric: 'time', spec: { unit: 'ns', lowerIsBetter: true }, scale: 1 };
    case 'throughput':
      return { metric: 'throughput', spec: { unit: 'ops/s', lowerIsBetter: false }, scale: 1 };
    case 'build-time':
      return { metric: 'build-time', spec: { unit: 'ns', lowerIsBetter: true }, scale: 1e9 };
    case 'file-size':
      return { metric: 'file-size', spec: { unit: 'B', lowerIsBetter: true }, scale: 1 };
    default:
      return { metric: measure, spec: { unit: '', lowerIsBetter: !isBiggerBetterUnit(measure) }, scale: 1 };
  }
}

function addCustomEntry(collector: BenchmarkCollector, entry: z.infer<typeof CustomEntry>): void {
  const unit = entry.unit.trim();
  if (isTimeUnit(unit)) {
    collector.add(entry.name, 'time', { unit: 'ns', lowerIsBetter: true }, toNanoseconds(entry.value, unit));
  } else {
    const metric = unit === '' ? 'value' : unit;
    collector.add(entry.name, metric, { unit, lowerIsBetter: !isBiggerBetterUnit(unit) }, entry.value);
  }
}
