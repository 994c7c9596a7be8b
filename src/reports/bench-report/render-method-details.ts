import type { BenchReport, CalibrationMethod, SideInfo } from '../../benchmark/bench-report.ts';
import { codeSpan, escapeMarkdownText } from '../markdown.ts';
import { formatConfidence, formatDuration, formatPercent } from '../format.ts';
import { renderInstructionMethod } from './render-instruction-method.ts';

const STOP_REASONS: Record<BenchReport['method']['stopReason'], string> = {
  decided: 'every benchmark reached a verdict',
  'max-runs': 'the last planned look was reached',
  'time-budget': 'the time budget ran out',
};

/**
 * The "How we measured" list: what was compared, how often, with which design and test, the thresholds, where
 * the sequential run stopped and why, and where it ran. Enough for a reviewer to judge and reproduce the numbers.
 */
export function renderMethodDetails(report: BenchReport): string {
  const { method } = report;
  const looks =
    method.looks.length > 0 ? `${renderSchedule(method.schedule)}looks at ${method.looks.join(', ')} pairs; ` : '';
  return [
    `- **Compared:** ${side(report.base)} (base) vs ${side(report.head)} (head)`,
    `- **Runs:** ${renderRuns(report)}`,
    `- **Design:** ${escapeMarkdownText(method.design)}`,
    `- **Test:** ${escapeMarkdownText(method.test)}`,
    `- **Confidence level:** ${formatConfidence(method.confidence)}`,
    `- **Noise band:** ±${formatPercent(method.noiseBand)} (smaller changes count as unchanged)`,
    `- **Regression gate:** ${formatPercent(method.regressionGate)} (a larger slowdown fails the check)`,
    ...(method.calibration === undefined ? [] : [renderCalibration(method.calibration)]),
    `- **Stopping:** ${looks}stopped at ${method.stoppedAt} pairs because ${STOP_REASONS[method.stopReason]}${lookNumber(method)}`,
    `- **Output format:** ${codeSpan(report.format)}`,
    ...(method.instructions === undefined ? [] : renderInstructionMethod(method.instructions)),
    `- **Machine:** ${escapeMarkdownText(method.machine)}`,
    ...(method.isolation === undefined ? [] : [`- **Isolation:** ${escapeMarkdownText(method.isolation)}`]),
    `- **Command:** ${codeSpan(method.command, 'text', 300)}`,
    `- **Duration:** ${formatDuration(method.durationMs)}`,
  ].join('\n');
}

/** Why the looks are where they are: only a time-planned run needs saying (the fixed one is `runs` in perf.yml). */
function renderSchedule(schedule: BenchReport['method']['schedule']): string {
  if (schedule?.kind !== 'time-planned') return '';
  const why = {
    'max-pairs': `the cap of ${schedule.maxPairs} pairs (\`benchmark.runs.max\`, else 500)`,
    'time-budget': `what fits the ${formatDuration(schedule.budgetMs)} budget (\`benchmark.timeBudgetSeconds\`)`,
    calibration: 'the pairs the calibration says detect the noise band',
    'fixed-schedule': 'the fixed schedule, since no more fit the budget',
  }[schedule.limitedBy];
  return `planned by time after the first look (${formatDuration(schedule.perPairMs)} a pair): up to ${why}; `;
}

/** " (look 3 of 5)" when the run stopped at one of its planned looks. */
function lookNumber(method: BenchReport['method']): string {
  const index = method.looks.indexOf(method.stoppedAt);
  return index < 0 ? '' : ` (look ${index + 1} of ${method.looks.length})`;
}

/** "This run can detect changes of ±X%", up front in the method, with where that figure comes from. */
function renderCalibration(calibration: CalibrationMethod): string {
  const detectable = Number.isFinite(calibration.detectable)
    ? `±${formatPercent(calibration.detectable)}`
    : 'no size of change';
  const date = calibration.measuredAt.slice(0, 10);
  return `- **Calibration:** this run can detect changes of ${detectable} (80% power at its ${calibration.plannedPairs} planned pairs), from the paired noise ${formatPercent(calibration.noise)} of ${codeSpan(calibration.benchmark)} (${escapeMarkdownText(calibration.metric)}) measured by an A/A run on this machine on ${date}`;
}

/** `main@abc1234`: a ref name is user-chosen text, so it goes in a code span. */
function side(info: SideInfo): string {
  return codeSpan(`${info.ref}@${info.sha.slice(0, 7)}`);
}

function renderRuns(report: BenchReport): string {
  const { base, head } = report.runs;
  const runs = base === head ? `${base} per side` : `${base} of base, ${head} of head`;
  if (report.warmup === 0) return `${runs}, no warm-up`;
  return `${runs}, after ${report.warmup} warm-up ${report.warmup === 1 ? 'run' : 'runs'} (not measured)`;
}
