import type { BenchReport } from '../benchmark/bench-report.ts';
import type { Calibration } from '../benchmark/noise-calibration.ts';

/** An A/A report's rows as a calibration: each metric's paired noise (SD of log-ratios) and its pairs. */
export function calibrationFromReport(
  report: BenchReport,
  meta: Pick<Calibration, 'repo' | 'fingerprint' | 'machine' | 'measuredAt'>,
): Calibration {
  const benchmarks = report.comparisons
    .filter((row) => Number.isFinite(row.noise) && row.noise >= 0 && row.base.n > 0)
    .map((row) => ({ benchmark: row.benchmark, metric: row.metric, noise: row.noise, pairs: row.base.n }));
  return { ...meta, sha: report.head.sha, benchmarks };
}
