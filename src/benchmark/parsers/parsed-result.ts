/** The benchmark output formats Perfbot reads. `auto` detects; `time` uses the process's own wall time. */
export const BENCH_FORMATS = [
  'auto',
  'hyperfine',
  'google-benchmark',
  'go',
  'pytest-benchmark',
  'vitest',
  'bmf',
  'time',
] as const;
export type BenchFormat = (typeof BENCH_FORMATS)[number];
/** A concrete format, as reported after detection. */
export type ConcreteBenchFormat = Exclude<BenchFormat, 'auto'>;

/** All samples of one metric of one benchmark, in one unit. */
export interface MetricSamples {
  /** `ns` for time metrics (always nanoseconds), `B` for bytes, `ops/s`, `MB/s`, `allocs/op`, or a custom unit. */
  unit: string;
  samples: number[];
  lowerIsBetter: boolean;
}

export interface ParsedBenchmark {
  /** Unique within one result, e.g. `BenchmarkParse-8`, `pkg/path.BenchmarkX-4`, `sort[100]`. */
  name: string;
  /** Keyed by metric name; time metrics are named `time`. */
  metrics: Record<string, MetricSamples>;
}

/** The normalized result every parser produces; printed by `perfbot parse` (a public JSON contract). */
export interface ParsedResult {
  format: ConcreteBenchFormat;
  benchmarks: ParsedBenchmark[];
}

/** One parser per format, registered in `parser-registry.ts`. */
export interface BenchParser {
  format: Exclude<ConcreteBenchFormat, 'time'>;
  /** Cheap check used by `auto`: does this text look like this format's output? */
  detect(text: string): boolean;
  /** Parses the text; throws `BenchOutputError` naming what is wrong. */
  parse(text: string): ParsedResult;
}
