import type { ComparisonRow } from '../../benchmark/bench-report.ts';
import { WHOLE_RUN } from '../../benchmark/observation.ts';
import { formatConfidence } from '../../reports/format.ts';
import { describeChange, describeInterval } from './describe-change.ts';
import type { TargetEvaluation } from './evaluate-targets.ts';
import type { Tradeoffs } from '../tradeoffs.ts';

export interface EvaluateTradeoffsOptions {
  /** Confidence level of the intervals, for the explanations. */
  confidence?: number;
}

/**
 * The trade-offs a VERIFY run broke, one plain-text sentence each (empty when none). A trade-off is broken only
 * with confidence: when even the better end of the interval is worse than the allowance (a slowdown's `ci[0]`
 * above `maxRegression` on a lower-is-better metric, `ci[1]` below `−maxRegression` on a higher-is-better one;
 * a peak-memory row's `ci[0]` above `maxMemory`), the same intervals the targets are judged on.
 *
 * Slowdowns are checked on every benchmark the `improve` targets did not match (those must get better anyway),
 * for `time` and the metrics the targets name; a suite-wide target names no benchmark, so a geometric mean that
 * improves cannot hide one benchmark that got much slower. `(whole run)` rows count only when no parsed
 * benchmark measures the metric. Every `memory` row is checked, targets or not.
 */
export function evaluateTradeoffs(
  rows: readonly ComparisonRow[],
  evaluations: readonly TargetEvaluation[],
  tradeoffs: Tradeoffs,
  options: EvaluateTradeoffsOptions = {},
): string[] {
  const ciLabel = options.confidence === undefined ? 'CI' : `${formatConfidence(options.confidence)} CI`;
  const exempt = new Set(
    evaluations
      .filter((evaluation) => evaluation.target.kind === 'improve')
      .flatMap((evaluation) => evaluation.matched),
  );
  const metrics = new Set([
    'time',
    ...evaluations.flatMap(({ target }) => ('metric' in target ? [target.metric] : [])),
  ]);
  const broken: string[] = [];
  for (const metric of metrics) {
    const parsed = rows.some((row) => row.metric === metric && row.benchmark !== WHOLE_RUN);
    for (const row of rows) {
      if (row.metric !== metric || exempt.has(row) || (parsed && row.benchmark === WHOLE_RUN)) continue;
      if (worseBeyond(row, tradeoffs.maxRegression.value))
        broken.push(sentence(row, tradeoffs.maxRegression.value, 'maxRegression', ciLabel));
    }
  }
  for (const row of rows) {
    if (row.metric === 'memory' && worseBeyond(row, tradeoffs.maxMemory.value))
      broken.push(sentence(row, tradeoffs.maxMemory.value, 'maxMemory', ciLabel));
  }
  return broken;
}

/** True when even the interval's better end is worse than `allowance`. */
function worseBeyond(row: ComparisonRow, allowance: number): boolean {
  return row.lowerIsBetter ? row.ci[0] > allowance : row.ci[1] < -allowance;
}

function sentence(row: ComparisonRow, allowance: number, key: 'maxRegression' | 'maxMemory', ciLabel: string): string {
  const allowed = describeChange(row.lowerIsBetter ? allowance : -allowance, row);
  return `trade-off broken: ${row.benchmark} ${describeChange(row.change, row)} (${ciLabel} ${describeInterval(row.ci, row)}), allowed at most ${allowed} (optimize.tradeoffs.${key})`;
}
