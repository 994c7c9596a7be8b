import { WHOLE_RUN } from '../benchmark/observation.ts';
import type { BenchmarkNoise, Calibration } from './calibration.ts';

/**
 * The noise that decides how many pairs a run needs: the largest among the metrics that decide when it stops
 * (the whole run's instructions when counted; else each parsed benchmark's time, else the whole run's time),
 * since the run stops only when all of them are decided. Null when the calibration has none of them.
 */
export function primaryNoise(calibration: Calibration, counting: boolean): BenchmarkNoise | null {
  const { benchmarks } = calibration;
  const metric = counting ? 'instructions' : 'time';
  const parsed = benchmarks.filter((b) => b.benchmark !== WHOLE_RUN && b.metric === metric);
  const candidates =
    counting || parsed.length === 0
      ? benchmarks.filter((b) => b.benchmark === WHOLE_RUN && b.metric === metric)
      : parsed;
  return candidates.reduce<BenchmarkNoise | null>(
    (worst, b) => (worst === null || b.noise > worst.noise ? b : worst),
    null,
  );
}
