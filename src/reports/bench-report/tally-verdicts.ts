import type { Verdict } from '../../benchmark/stats/metric-comparison.ts';
import type { VerdictCounts } from './count-verdicts.ts';
import type { MetricWords } from './metric-words.ts';

export interface TallyOptions {
  /** Attach "of N benchmarks" to the first item: `1 of 5 benchmarks slower, …`. */
  withTotal?: boolean;
}

/**
 * Verdict counts as a phrase in the given order, zero as `none`, with the metric's words:
 * `1 of 5 benchmarks slower, none faster, 3 unchanged, 1 inconclusive`.
 */
export function tallyVerdicts(
  counts: VerdictCounts,
  words: MetricWords,
  order: readonly Verdict[],
  options: TallyOptions = {},
): string {
  return order
    .map((verdict, index) => {
      const count = counts[verdict] === 0 ? 'none' : `${counts[verdict]}`;
      const total = options.withTotal && index === 0 ? ` of ${counts.total} ${benchmarkNoun(counts.total)}` : '';
      return `${count}${total} ${verdictWord(verdict, words)}`;
    })
    .join(', ');
}

/** `benchmark` or `benchmarks`. */
export function benchmarkNoun(count: number): string {
  return count === 1 ? 'benchmark' : 'benchmarks';
}

function verdictWord(verdict: Verdict, words: MetricWords): string {
  if (verdict === 'slower') return words.worse;
  if (verdict === 'faster') return words.better;
  return verdict;
}
