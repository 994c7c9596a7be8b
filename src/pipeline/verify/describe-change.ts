import { formatPercent } from '../../reports/format.ts';
import { metricKind } from '../../reports/metric-kind.ts';

/** The metric a change is about: its name and unit decide the words. */
export interface ChangeSubject {
  metric: string;
  unit: string;
}

/**
 * A relative change in plain words: `6.0% faster`, `12.0% less memory`, `3.0% higher throughput`,
 * `2.0% lower allocs/op`; `no change` when it rounds to zero. Plain text (no Markdown): the metric name
 * may come from benchmark output, so Markdown renderers escape the whole sentence.
 */
export function describeChange(change: number, subject: ChangeSubject): string {
  if (!Number.isFinite(change)) return 'n/a';
  if (formatPercent(change) === '0.0%') return 'no change';
  return `${formatPercent(change)} ${directionWord(change, subject)}`;
}

/**
 * A confidence interval of a change in the same words: `4.0% to 8.0% faster` when both ends point the same
 * way, `3.0% faster to 2.0% slower` when it spans zero.
 */
export function describeInterval(ci: readonly [number, number], subject: ChangeSubject): string {
  const [low, high] = ci;
  if (low === 0 && high === 0) return 'no change';
  // An end exactly at zero reads as part of the other end's direction: `0.0% to 2.0% faster`.
  const sameWay = (low !== 0 || high !== 0) && ((low <= 0 && high <= 0) || (low >= 0 && high >= 0));
  if (!sameWay) return `${describeChange(low, subject)} to ${describeChange(high, subject)}`;
  const [near, far] = Math.abs(low) <= Math.abs(high) ? [low, high] : [high, low];
  return `${formatPercent(near)} to ${describeChange(far, subject)}`;
}

function directionWord(change: number, subject: ChangeSubject): string {
  const up = change > 0;
  switch (metricKind(subject.metric, subject.unit)) {
    case 'time':
      return up ? 'slower' : 'faster';
    case 'throughput':
      return `${up ? 'higher' : 'lower'} throughput`;
    case 'memory':
      return `${up ? 'more' : 'less'} memory`;
    case 'other':
      return `${up ? 'higher' : 'lower'} ${subject.metric}`;
  }
}
