import type { BenchReport, SideInfo } from '../benchmark/bench-report.ts';
import { codeSpan } from './code-span.ts';
import { escapeMarkdownText } from './escape-markdown-text.ts';
import { formatPercent } from './format-change.ts';
import { formatConfidence } from './format-confidence.ts';
import { formatDuration } from './format-duration.ts';

const STOP_REASONS: Record<BenchReport['method']['stopReason'], string> = {
  decided: 'every benchmark reached a verdict',
  'max-runs': 'the maximum number of runs was reached',
  'time-budget': 'the time budget ran out',
};

/**
 * The "How we measured" list: what was compared, how often, with which design and test, the thresholds, where
 * the sequential run stopped and why, and where it ran. Enough for a reviewer to judge and reproduce the numbers.
 */
export function renderMethodDetails(report: BenchReport): string {
  const { method } = report;
  const looks = method.looks.length > 0 ? `looks at ${method.looks.join(', ')} pairs; ` : '';
  return [
    `- **Compared:** ${side(report.base)} (base) vs ${side(report.head)} (head)`,
    `- **Runs:** ${renderRuns(report)}`,
    `- **Design:** ${escapeMarkdownText(method.design)}`,
    `- **Test:** ${escapeMarkdownText(method.test)}`,
    `- **Confidence level:** ${formatConfidence(method.confidence)}`,
    `- **Noise band:** ±${formatPercent(method.noiseBand)} (smaller changes count as unchanged)`,
    `- **Regression gate:** ${formatPercent(method.regressionGate)} (a larger slowdown fails the check)`,
    `- **Stopping:** ${looks}stopped at ${method.stoppedAt} pairs because ${STOP_REASONS[method.stopReason]}`,
    `- **Output format:** ${codeSpan(report.format)}`,
    `- **Machine:** ${escapeMarkdownText(method.machine)}`,
    `- **Command:** ${codeSpan(method.command, 'text', 300)}`,
    `- **Duration:** ${formatDuration(method.durationMs)}`,
  ].join('\n');
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
