import { type Calibration, pairsToResolve } from '../../benchmark/noise-calibration.ts';
import { minimumDetectableEffect } from '../../benchmark/stats/minimum-detectable-effect.ts';
import { codeSpan, escapeMarkdownText } from '../markdown.ts';
import { formatPercent } from '../format.ts';

export interface CalibrationTableOptions {
  /** thresholds.noise (fraction) and 1 − thresholds.confidence. */
  noiseBand: number;
  alpha: number;
}

/**
 * The calibration as a table, one row per benchmark metric: its paired noise, the smallest change the A/A run's
 * own pair count would detect, and the pairs a change the size of the noise band needs (80% power).
 */
export function renderCalibrationTable(calibration: Calibration, options: CalibrationTableOptions): string {
  const band = formatPercent(options.noiseBand);
  const rows = calibration.benchmarks.map((b) => {
    const needed = pairsToResolve(b.noise, options.noiseBand, options.alpha);
    const detects =
      b.pairs >= 2 ? `±${formatPercent(minimumDetectableEffect(b.noise, b.pairs, options.alpha))}` : 'n/a';
    return `| ${codeSpan(b.benchmark)} | ${escapeMarkdownText(b.metric)} | ${formatPercent(b.noise)} | ${detects} | ${Number.isFinite(needed) ? needed : 'out of reach'} |`;
  });
  return [
    `| Benchmark | Metric | Paired noise (SD of log-ratios) | Detects in ${calibration.benchmarks[0]?.pairs ?? 0} pairs | Pairs to detect ±${band} |`,
    '|---|---|--:|--:|--:|',
    ...rows,
  ].join('\n');
}
