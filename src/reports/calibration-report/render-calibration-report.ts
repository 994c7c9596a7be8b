import type { Calibration } from '../../benchmark/noise-calibration.ts';
import { codeSpan, escapeMarkdownText } from '../markdown.ts';
import { renderCalibrationTable, type CalibrationTableOptions } from './render-calibration-table.ts';

/** The answer to `/perf calibrate` and the output of `perfbot calibrate`: where, when, the table, what it is for. */
export function renderCalibrationReport(
  calibration: Calibration,
  options: CalibrationTableOptions & { ref: string; kept: string },
): string {
  return [
    `### Noise calibration of ${codeSpan(`${options.ref}@${calibration.sha.slice(0, 7)}`)}`,
    '',
    `An A/A run (the same commit on both sides) on ${escapeMarkdownText(calibration.machine)}, ${calibration.measuredAt.slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    renderCalibrationTable(calibration, options),
    '',
    `${options.kept} Benchmarks on this machine use it to plan their pairs and to say which changes they can detect; another machine (CPU, cores, kernel or Node version) measures its own.`,
  ].join('\n');
}
