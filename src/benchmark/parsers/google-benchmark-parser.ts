import { z } from 'zod';
import { BenchOutputError } from '../../domain/errors.ts';
import { checkJsonShape } from './check-json-shape.ts';
import { createBenchmarkCollector, type BenchmarkCollector } from './create-benchmark-collector.ts';
import { describeWithKey, isJsonObject } from './describe-json-value.ts';
import { extractJsonDocument } from './extract-json-document.ts';
import { isBiggerBetterUnit } from './is-bigger-better-unit.ts';
import type { BenchParser } from './parsed-result.ts';
import { readJsonDocument } from './read-json-document.ts';
import { isTimeUnit, toNanoseconds } from './to-nanoseconds.ts';

const LABEL = 'google-benchmark JSON';

const GoogleBenchmarkRow = z.looseObject({
  name: z.string(),
  run_name: z.string().optional(),
  run_type: z.string().optional(),
  aggregate_name: z.string().optional(),
  real_time: z.number().optional(),
  cpu_time: z.number().optional(),
  time_unit: z.string().optional(),
  error_occurred: z.boolean().optional(),
  error_message: z.string().optional(),
  skipped: z.unknown().optional(),
});
type GoogleBenchmarkRow = z.infer<typeof GoogleBenchmarkRow>;
const GoogleBenchmarkOutput = z.object({ benchmarks: z.array(GoogleBenchmarkRow) });

/** Numeric row fields that describe the run rather than measure it; every other number is a user counter. */
const RUN_FIELDS = new Set([
  'family_index',
  'per_family_instance_index',
  'repetitions',
  'repetition_index',
  'threads',
  'iterations',
  'real_time',
  'cpu_time',
  'cpu_coefficient',
  'real_coefficient',
  'rms',
]);
const KNOWN_COUNTERS: Record<string, { unit: string; lowerIsBetter: boolean }> = {
  bytes_per_second: { unit: 'B/s', lowerIsBetter: false },
  items_per_second: { unit: 'items/s', lowerIsBetter: false },
};

/**
 * Google Benchmark `--benchmark_format=json` (or `--benchmark_out`). Iteration rows are samples, so
 * `--benchmark_repetitions=N` gives N samples; aggregate rows (mean, median, stddev, cv, BigO, RMS) are skipped,
 * except that a benchmark with only aggregates (`--benchmark_report_aggregates_only`) falls back to its `median`
 * (else `mean`) row as one sample. Rows with `error_occurred` or `skipped` are left out.
 * Metrics: `time` (real_time) and `cpu_time` in ns; `bytes_per_second` (B/s) and `items_per_second` (items/s),
 * bigger is better; other user counters are unitless, lower is better unless their name reads as a rate.
 */
export const googleBenchmarkParser: BenchParser = {
  format: 'google-benchmark',
  detect(text) {
    const document = extractJsonDocument(text);
    if (!isJsonObject(document) || !Array.isArray(document.benchmarks)) return false;
    const first: unknown = document.benchmarks[0];
    return isJsonObject(document.context) || (isJsonObject(first) && 'real_time' in first);
  },
  parse(text) {
    const document = readJsonDocument(text, LABEL, 'google-benchmark');
    if (!isJsonObject(document) || !Array.isArray(document.benchmarks)) {
      throw new BenchOutputError(
        `${LABEL}: expected an object with a \`benchmarks\` array (from \`--benchmark_format=json\`), ` +
          `found ${describeWithKey(document, 'benchmarks')}`,
        'google-benchmark',
      );
    }
    const rows = checkJsonShape(GoogleBenchmarkOutput, document, LABEL, 'google-benchmark').benchmarks;
    const collector = createBenchmarkCollector();
    for (const row of sampleRows(rows)) addRow(collector, row);
    const benchmarks = collector.benchmarks();
    if (benchmarks.length === 0) {
      const failed = [
        ...new Set(rows.filter(hasFailed).map((row) => `${row.name}: ${row.error_message ?? 'skipped'}`)),
      ];
      const detail = failed.length > 0 ? ` (failed: ${failed.join('; ')})` : '';
      throw new BenchOutputError(
        `${LABEL}: no successful benchmark runs in ${rows.length} rows${detail}`,
        'google-benchmark',
      );
    }
    return { format: 'google-benchmark', benchmarks };
  },
};

/** Successful iteration rows, plus one `median` (else `mean`) aggregate per run reported only as aggregates. */
function sampleRows(rows: GoogleBenchmarkRow[]): GoogleBenchmarkRow[] {
  const usable = rows.filter((row) => !hasFailed(row) && row.real_time !== undefined);
  const iterations = usable.filter(isIteration);
  const covered = new Set(iterations.map(runName));
  const fallbacks: GoogleBenchmarkRow[] = [];
  for (const aggregate of ['median', 'mean']) {
    for (const row of usable) {
      if (row.aggregate_name !== aggregate || covered.has(runName(row))) continue;
      covered.add(runName(row));
      fallbacks.push(row);
    }
  }
  return [...iterations, ...fallbacks];
}

function isIteration(row: GoogleBenchmarkRow): boolean {
  return row.run_type === undefined || row.run_type === 'iteration';
}

function hasFailed(row: GoogleBenchmarkRow): boolean {
  return row.error_occurred === true || (row.skipped !== undefined && row.skipped !== false && row.skipped !== 0);
}

/** Repetitions share `run_name`; aggregate rows carry a suffixed `name` (`BM_X_mean`) but the same `run_name`. */
function runName(row: GoogleBenchmarkRow): string {
  return row.run_name ?? row.name;
}

function addRow(collector: BenchmarkCollector, row: GoogleBenchmarkRow): void {
  const unit = row.time_unit ?? 'ns';
  if (!isTimeUnit(unit)) {
    const message = `${LABEL}: ${row.name} has unknown time_unit ${JSON.stringify(unit)}`;
    throw new BenchOutputError(message, 'google-benchmark');
  }
  const name = runName(row);
  const time = { unit: 'ns', lowerIsBetter: true };
  if (row.real_time !== undefined) collector.add(name, 'time', time, toNanoseconds(row.real_time, unit));
  if (row.cpu_time !== undefined) collector.add(name, 'cpu_time', time, toNanoseconds(row.cpu_time, unit));
  for (const [key, value] of Object.entries(row)) {
    if (typeof value !== 'number' || RUN_FIELDS.has(key)) continue;
    const spec = KNOWN_COUNTERS[key] ?? { unit: '', lowerIsBetter: !isBiggerBetterUnit(key) };
    collector.add(name, key, spec, value);
  }
}
