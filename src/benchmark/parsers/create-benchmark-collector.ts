import type { MetricSamples, ParsedBenchmark } from './parsed-result.ts';

/** Unit and direction of a metric, fixed by the first sample added for it. */
export type MetricSpec = Pick<MetricSamples, 'unit' | 'lowerIsBetter'>;

/** Accumulates samples per benchmark and metric, keeping the order in which names first appear. */
export interface BenchmarkCollector {
  /** Appends one sample; repeated names (repetitions, `-count`, iterations) become more samples. */
  add(benchmark: string, metric: string, spec: MetricSpec, value: number): void;
  benchmarks(): ParsedBenchmark[];
}

export function createBenchmarkCollector(): BenchmarkCollector {
  const byName = new Map<string, Record<string, MetricSamples>>();
  return {
    add(benchmark, metric, spec, value) {
      let metrics = byName.get(benchmark);
      if (metrics === undefined) {
        metrics = {};
        byName.set(benchmark, metrics);
      }
      const existing = metrics[metric];
      if (existing === undefined) {
        metrics[metric] = { unit: spec.unit, lowerIsBetter: spec.lowerIsBetter, samples: [value] };
      } else {
        existing.samples.push(value);
      }
    },
    benchmarks() {
      return [...byName].map(([name, metrics]) => ({ name, metrics }));
    },
  };
}
