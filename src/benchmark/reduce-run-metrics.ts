import type { ParsedResult } from './parsers/parsed-result.ts';
import { median } from './stats/descriptive-statistics.ts';
import { WHOLE_RUN, type Observation } from './observation.ts';

export interface ProcessMeasurement {
  wallNs: number;
  cpuNs: number;
  peakRssBytes: number;
}

/**
 * Reduces one invocation to one number per benchmark metric: the median of the harness's own samples
 * (robust to the harness's outliers; raw samples are not independent replicates), plus the whole-run
 * metrics of the process tree.
 */
export function reduceRunMetrics(
  parsed: ParsedResult | null,
  process: ProcessMeasurement,
  filter?: RegExp,
): Observation[] {
  const observations: Observation[] = [];
  for (const benchmark of parsed?.benchmarks ?? []) {
    if (filter && !filter.test(benchmark.name)) continue;
    for (const [metric, m] of Object.entries(benchmark.metrics)) {
      const finite = m.samples.filter(Number.isFinite);
      if (finite.length === 0) continue;
      observations.push({
        benchmark: benchmark.name,
        metric,
        unit: m.unit,
        lowerIsBetter: m.lowerIsBetter,
        value: median(finite),
      });
    }
  }
  const whole = (metric: string, unit: string, value: number): Observation => ({
    benchmark: WHOLE_RUN,
    metric,
    unit,
    lowerIsBetter: true,
    value,
  });
  observations.push(whole('time', 'ns', process.wallNs), whole('cpu', 'ns', process.cpuNs));
  if (process.peakRssBytes > 0) observations.push(whole('memory', 'B', process.peakRssBytes));
  return observations;
}
