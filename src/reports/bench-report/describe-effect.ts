import type { ComparisonRow } from '../../benchmark/bench-report.ts';
import { codeSpan } from '../markdown.ts';
import { formatPercent } from '../format.ts';
import { metricKind } from '../metric-kind.ts';

/**
 * The change of one row as a predicate for "Head …": `is 23.4% slower` for time, `has 18.0% lower throughput`,
 * `uses 12.0% more memory`, `runs 1.0% more instructions`, `has 5.0% higher `allocs/op``. The direction comes from the sign of the change,
 * so the words stay true for bigger-is-better metrics.
 */
export function describeEffect(row: Pick<ComparisonRow, 'metric' | 'unit' | 'change'>): string {
  const size = formatPercent(row.change);
  const up = row.change > 0;
  if (row.metric === 'instructions') return `runs ${size} ${up ? 'more' : 'fewer'} instructions`;
  switch (metricKind(row.metric, row.unit)) {
    case 'time':
      return `is ${size} ${up ? 'slower' : 'faster'}`;
    case 'throughput':
      return `has ${size} ${up ? 'higher' : 'lower'} throughput`;
    case 'memory':
      return `uses ${size} ${up ? 'more' : 'less'} memory`;
    case 'other':
      return `has ${size} ${up ? 'higher' : 'lower'} ${codeSpan(row.metric)}`;
  }
}
