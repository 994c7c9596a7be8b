import type { ComparisonRow, GeomeanRow } from '../../benchmark/bench-report.ts';
import { globToRegExp } from '../../benchmark/glob-to-regexp.ts';
import { WHOLE_RUN } from '../../benchmark/observation.ts';
import { formatConfidence } from '../../reports/format.ts';
import { describeChange, describeInterval } from './describe-change.ts';
import type { PipelineTarget } from '../pipeline-target.ts';

/** How one target fared in a VERIFY run. `explanation` is plain text (names unescaped). */
export interface TargetEvaluation {
  target: PipelineTarget;
  /** The rows the target was judged on (for `overall`, the rows the geometric mean is over). */
  matched: ComparisonRow[];
  met: boolean;
  explanation: string;
}

export interface EvaluateTargetsOptions {
  /** The report's geometric means; `overall` targets are judged on them. */
  geomean?: readonly GeomeanRow[];
  /** Confidence level of the intervals, for the explanations (`0.95` → "95% CI"). */
  confidence?: number;
}

/** Most names an explanation lists before saying "and N more". */
const MAX_NAMES = 8;

/**
 * Judges each target on the head-vs-baseline rows. A target is met only when the confidence interval clears
 * it, never on the point estimate alone: `improve 10%` on a lower-is-better metric needs `ci[1] ≤ −0.10`
 * (`ci[0] ≥ +0.10` when bigger is better), and `reduceMemory 10%` needs the `memory` rows' `ci[1] ≤ −0.10`.
 *
 * Every matched benchmark must clear the target, not their geometric mean: a target names the benchmarks it
 * cares about, and a mean would let one big win hide another that got no faster. The suite-wide `overall`
 * target (`--target N%` alone) is the one judged on the geometric mean.
 *
 * The `(whole run)` rows (the benchmark command's own wall time and peak memory) are only matched by globs
 * when no parsed benchmark measures that metric, or by a glob that names them exactly; peak memory exists
 * only as a whole-run row, so `reduceMemory` targets match it with any glob that matches `(whole run)`.
 * A target matching nothing is not met, and its explanation lists the names there are.
 */
export function evaluateTargets(
  targets: readonly PipelineTarget[],
  rows: readonly ComparisonRow[],
  options: EvaluateTargetsOptions = {},
): TargetEvaluation[] {
  const ciLabel = options.confidence === undefined ? 'CI' : `${formatConfidence(options.confidence)} CI`;
  return targets.map((target) => {
    switch (target.kind) {
      case 'improve':
      case 'reduceMemory': {
        const metric = target.kind === 'improve' ? target.metric : 'memory';
        const fraction = target.kind === 'improve' ? target.improve : target.reduceMemory;
        const matched = matchRows(rows, target.benchmark, metric);
        if (matched.length === 0)
          return { target, matched, met: false, explanation: noMatch(target.benchmark, metric, rows) };
        return judgeEach(target, target.benchmark, matched, fraction, ciLabel);
      }
      case 'overall':
        return judgeOverall(target, rows, options.geomean ?? [], ciLabel);
      case 'anyImprovement':
        return judgeAny(target, rows, ciLabel);
    }
  });
}

/** Rows of one metric whose benchmark matches the glob; whole-run rows as described on `evaluateTargets`. */
function matchRows(rows: readonly ComparisonRow[], glob: string, metric: string): ComparisonRow[] {
  const pattern = globToRegExp(glob);
  const matched = rows.filter((row) => row.metric === metric && pattern.test(row.benchmark));
  if (glob === WHOLE_RUN || metric === 'memory') return matched;
  return hasParsed(rows, metric) ? matched.filter((row) => row.benchmark !== WHOLE_RUN) : matched;
}

/** Rows of one metric, without the whole-run row when parsed benchmarks measure the metric. */
function candidateRows(rows: readonly ComparisonRow[], metric: string): ComparisonRow[] {
  return matchRows(rows, '*', metric);
}

function hasParsed(rows: readonly ComparisonRow[], metric: string): boolean {
  return rows.some((row) => row.metric === metric && row.benchmark !== WHOLE_RUN);
}

/** True when the interval clears `fraction` in the metric's better direction. */
function clears(ci: readonly [number, number], fraction: number, lowerIsBetter: boolean): boolean {
  return lowerIsBetter ? ci[1] <= -fraction : ci[0] >= fraction;
}

function judgeEach(
  target: PipelineTarget,
  glob: string,
  matched: ComparisonRow[],
  fraction: number,
  ciLabel: string,
): TargetEvaluation {
  const failing = matched.filter((row) => !clears(row.ci, fraction, row.lowerIsBetter));
  const goal = goalWords(fraction, matched[0] as ComparisonRow);
  const only = matched.length === 1 ? matched[0] : undefined;
  if (only !== undefined) {
    const prefix = only.benchmark === glob ? '' : `${glob}: `;
    return {
      target,
      matched,
      met: failing.length === 0,
      explanation: `${prefix}${rowWords(only, ciLabel)}, target ${goal}`,
    };
  }
  if (failing.length === 0) {
    const least = [...matched].sort((a, b) => marginOf(a) - marginOf(b))[0] as ComparisonRow;
    const explanation = `${glob}: all ${matched.length} benchmarks at least ${goal} with confidence; least: ${rowWords(least, ciLabel)}`;
    return { target, matched, met: true, explanation };
  }
  const listed = failing.slice(0, MAX_NAMES).map((row) => rowWords(row, ciLabel));
  if (failing.length > MAX_NAMES) listed.push(`and ${failing.length - MAX_NAMES} more`);
  const explanation = `${glob}: ${failing.length} of ${matched.length} benchmarks not yet ${goal} with confidence: ${listed.join('; ')}`;
  return { target, matched, met: false, explanation };
}

function judgeOverall(
  target: Extract<PipelineTarget, { kind: 'overall' }>,
  rows: readonly ComparisonRow[],
  geomean: readonly GeomeanRow[],
  ciLabel: string,
): TargetEvaluation {
  const candidates = candidateRows(rows, target.metric);
  const mean = geomean.find((row) => row.metric === target.metric);
  if (mean !== undefined) {
    const subject = { metric: target.metric, unit: target.metric === 'time' ? 'ns' : '' };
    const met = clears(mean.ci, target.improve, true);
    const words = `${describeChange(mean.change, subject)} (${ciLabel} ${describeInterval(mean.ci, subject)})`;
    const goal = goalWords(target.improve, { metric: target.metric, unit: subject.unit, lowerIsBetter: true });
    const explanation = `geometric mean of ${mean.count} benchmarks: ${words}, target ${goal}`;
    return { target, matched: candidates, met, explanation };
  }
  const only = candidates[0];
  if (candidates.length === 1 && only !== undefined)
    return judgeEach(target, only.benchmark, candidates, target.improve, ciLabel);
  const explanation =
    candidates.length === 0
      ? noMatch('*', target.metric, rows)
      : `no geometric mean of ${target.metric} in this run, so the suite-wide target cannot be judged`;
  return { target, matched: candidates, met: false, explanation };
}

function judgeAny(
  target: Extract<PipelineTarget, { kind: 'anyImprovement' }>,
  all: readonly ComparisonRow[],
  ciLabel: string,
): TargetEvaluation {
  const rows = candidateRows(all, target.metric);
  if (rows.length === 0) return { target, matched: rows, met: false, explanation: noMatch('*', target.metric, all) };
  const better = rows.filter((row) => row.verdict === 'faster');
  const worse = rows.filter((row) => row.verdict === 'slower');
  if (worse.length > 0) {
    const listed = worse.slice(0, MAX_NAMES).map((row) => rowWords(row, ciLabel));
    return { target, matched: rows, met: false, explanation: `significantly worse: ${listed.join('; ')}` };
  }
  if (better.length === 0) {
    const best = [...rows].sort((a, b) => marginOf(b) - marginOf(a))[0] as ComparisonRow;
    return {
      target,
      matched: rows,
      met: false,
      explanation: `no benchmark is significantly better (closest: ${rowWords(best, ciLabel)})`,
    };
  }
  const listed = better.slice(0, MAX_NAMES).map((row) => rowWords(row, ciLabel));
  const explanation = `${better.length} of ${rows.length} significantly better, none worse: ${listed.join('; ')}`;
  return { target, matched: rows, met: true, explanation };
}

/** How far the interval's worse end is on the better side (bigger is better), to rank rows. */
function marginOf(row: ComparisonRow): number {
  return row.lowerIsBetter ? -row.ci[1] : row.ci[0];
}

function rowWords(row: ComparisonRow, ciLabel: string): string {
  return `${row.benchmark} ${describeChange(row.change, row)} (${ciLabel} ${describeInterval(row.ci, row)})`;
}

/** `10.0% faster`, `10.0% less memory`, `10.0% higher throughput`: the target as a change in the better direction. */
function goalWords(fraction: number, row: Pick<ComparisonRow, 'metric' | 'unit' | 'lowerIsBetter'>): string {
  return describeChange(row.lowerIsBetter ? -fraction : fraction, row);
}

function noMatch(glob: string, metric: string, rows: readonly ComparisonRow[]): string {
  const names = [...new Set(rows.filter((row) => row.metric === metric).map((row) => row.benchmark))];
  const what = metric === 'memory' ? 'no peak-memory measurement' : `no benchmark measuring ${metric}`;
  if (names.length === 0) return `${what} matches ${glob}: this run measured no ${metric} at all`;
  const listed =
    names.slice(0, MAX_NAMES).join(', ') + (names.length > MAX_NAMES ? ` and ${names.length - MAX_NAMES} more` : '');
  return `${what} matches ${glob}; available: ${listed}`;
}
