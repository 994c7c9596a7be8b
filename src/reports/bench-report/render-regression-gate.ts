import type { BenchReport } from '../../benchmark/bench-report.ts';
import { codeSpan } from '../markdown.ts';
import { formatChange, formatPercent } from '../format.ts';
import { gateOffenders } from './gate-offenders.ts';

const MAX_NAMED_OFFENDERS = 3;

/**
 * One sentence about the regression gate, or an empty string when nothing is slower:
 * `**Fails the 5.0% regression gate.**` / `No slowdown exceeds the 5.0% regression gate.`
 * When rows of a metric other than `primary` fail it, they are named (largest first, at most three), so a
 * "🟢 faster" headline cannot hide a failing memory regression.
 */
export function renderRegressionGate(report: BenchReport, primary: string): string {
  const gate = report.method.regressionGate;
  const gateText = formatPercent(gate);
  if (!report.regression) {
    const anySlower = report.comparisons.some((row) => row.verdict === 'slower');
    return anySlower ? `No slowdown exceeds the ${gateText} regression gate.` : '';
  }
  const offenders = gateOffenders(report);
  if (offenders.every((row) => row.metric === primary)) return `**Fails the ${gateText} regression gate.**`;
  const named = offenders
    .slice(0, MAX_NAMED_OFFENDERS)
    .map((row) => `${codeSpan(row.benchmark)} (${codeSpan(row.metric)}) ${formatChange(row.change)}`);
  const more = offenders.length - named.length;
  return `**Fails the ${gateText} regression gate:** ${named.join(', ')}${more > 0 ? `, and ${more} more` : ''}.`;
}
