import type { ComparisonRow, GeomeanRow } from '../../benchmark/bench-report.ts';
import { WHOLE_RUN } from '../../benchmark/observation.ts';
import { forMarkdownInline } from '../../domain/untrusted-text.ts';
import { formatPercent, formatValue } from '../../reports/format.ts';
import { MAX_COMPONENT_LENGTH } from './derive-component.ts';
import { selectSpeedFigure } from '../verify/select-speed-figure.ts';

export interface CommitMessageInput {
  /** What was optimized (see `deriveComponent`); sanitized again here. */
  component: string;
  /** The VERIFY report's rows and geometric means: the figures are the engine's medians. */
  rows: readonly ComparisonRow[];
  geomean: readonly GeomeanRow[];
  /** The benchmark the targets name, shown instead of the geometric mean (see `preferredBenchmark`). */
  preferredBenchmark?: string;
  agent: { name: string; type: string };
  runId: string;
  /** `Name <email>` of each co-author: the agent that wrote the change, the person who asked for it. */
  coAuthors?: readonly string[];
}

/**
 * The commit message of an optimization:
 *
 * ```
 * perf: optimize <component>
 *
 * Improvements:
 * - Speed (parse): 12.3 ms → 8.10 ms (34.1% faster)
 * - Memory: 75.0 MiB → 60.0 MiB (20.0% reduction)
 *
 * Perfbot-Agent: <agent name> (<agent type>)
 * Perfbot-Run: <runId>
 *
 * Co-Authored-By: Claude Sonnet 4.5 <noreply@anthropic.com>
 * Co-Authored-By: octocat <583231+octocat@users.noreply.github.com>
 * ```
 *
 * Speed names where it comes from: the benchmark the targets name; else one line for each benchmark whose time
 * changed significantly; else the geometric mean over several, which has no medians (`Speed (geometric mean of 5
 * benchmarks): 34.1% faster`), or the only benchmark. Memory is the whole run's peak memory. The percentage of a
 * line is computed from the two medians it shows, so a reader can check it; a change whose confidence interval
 * includes zero says `not significant`; a figure the run did not measure says so. Every interpolated text is
 * cleaned to one line: this goes into git history.
 */
export function renderCommitMessage(input: CommitMessageInput): string {
  const component = oneLine(input.component, MAX_COMPONENT_LENGTH) || 'performance';
  const lines = [
    `perf: optimize ${component}`,
    '',
    'Improvements:',
    ...speedLines(input),
    memoryLine(input.rows),
    '',
    `Perfbot-Agent: ${oneLine(input.agent.name)} (${oneLine(input.agent.type)})`,
    `Perfbot-Run: ${oneLine(input.runId)}`,
    ...(input.coAuthors ?? []).map((author) => `Co-Authored-By: ${oneLine(author, 200)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function speedLines(input: CommitMessageInput): string[] {
  const changed = input.rows.filter(
    (row) =>
      row.metric === 'time' && row.benchmark !== WHOLE_RUN && (row.verdict === 'faster' || row.verdict === 'slower'),
  );
  if (input.preferredBenchmark === undefined && changed.length > 1) return changed.map(benchmarkLine);
  const figure = selectSpeedFigure(input.rows, input.geomean, input.preferredBenchmark);
  if (figure === undefined) return ['- Speed: not measured in the verified run'];
  if (figure.kind === 'benchmark') return [benchmarkLine(figure.row)];
  if (changed.length === 1) return [benchmarkLine(changed[0]!)];
  return [
    `- Speed (geometric mean of ${figure.row.count} benchmarks): ${changeWords(figure.row.change, figure.row.ci, ['faster', 'slower'])}`,
  ];
}

function benchmarkLine(row: ComparisonRow): string {
  const name = row.benchmark === WHOLE_RUN ? 'whole run' : oneLine(row.benchmark, 60);
  return `- Speed (${name}): ${medians(row)} (${changeWords(medianChange(row), row.ci, ['faster', 'slower'])})`;
}

function memoryLine(rows: readonly ComparisonRow[]): string {
  const row = rows.find((candidate) => candidate.benchmark === WHOLE_RUN && candidate.metric === 'memory');
  if (row === undefined) return '- Memory: not measured in the verified run';
  return `- Memory: ${medians(row)} (${changeWords(medianChange(row), row.ci, ['reduction', 'increase'])})`;
}

/** The relative change between the two medians a line shows (`after / before - 1`). */
function medianChange(row: ComparisonRow): number {
  return row.base.median > 0 ? row.head.median / row.base.median - 1 : Number.NaN;
}

function medians(row: ComparisonRow): string {
  return `${formatValue(row.base.median, row.unit)} → ${formatValue(row.head.median, row.unit)}`;
}

/** `34.1% faster`, `5.0% increase`, `no change`; `, not significant` when the interval includes zero. */
function changeWords(change: number, ci: readonly [number, number], [down, up]: [string, string]): string {
  if (!Number.isFinite(change)) return 'change not measured';
  const size = formatPercent(change);
  const words = size === '0.0%' ? 'no change' : `${size} ${change < 0 ? down : up}`;
  return ci[0] <= 0 && ci[1] >= 0 ? `${words}, not significant` : words;
}

function oneLine(text: string, maxLength = 100): string {
  return forMarkdownInline(text, maxLength);
}
