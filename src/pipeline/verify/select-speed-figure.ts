import type { ComparisonRow, GeomeanRow } from '../../benchmark/bench-report.ts';
import { WHOLE_RUN } from '../../benchmark/observation.ts';

/** The one speed figure a headline shows: one benchmark's time row, or the geometric mean over several. */
export type SpeedFigure = { kind: 'benchmark'; row: ComparisonRow } | { kind: 'geomean'; row: GeomeanRow };

/**
 * Picks the speed figure for a headline (commit message, final report, best iteration):
 * 1. the `preferred` benchmark (a target naming one benchmark) when it has a time row;
 * 2. the geometric mean of time when the engine computed one (two or more parsed benchmarks);
 * 3. the only parsed benchmark's time row;
 * 4. the whole-run time row (the benchmark command's wall time), when nothing was parsed.
 * Undefined when no time was measured.
 */
export function selectSpeedFigure(
  rows: readonly ComparisonRow[],
  geomean: readonly GeomeanRow[],
  preferred?: string,
): SpeedFigure | undefined {
  const time = rows.filter((row) => row.metric === 'time');
  const named = preferred === undefined ? undefined : time.find((row) => row.benchmark === preferred);
  if (named !== undefined) return { kind: 'benchmark', row: named };
  const mean = geomean.find((row) => row.metric === 'time');
  if (mean !== undefined) return { kind: 'geomean', row: mean };
  const parsed = time.filter((row) => row.benchmark !== WHOLE_RUN);
  const single = parsed.length === 1 ? parsed[0] : time.find((row) => row.benchmark === WHOLE_RUN);
  return single === undefined ? undefined : { kind: 'benchmark', row: single };
}
