import { WHOLE_RUN } from '../benchmark/observation.ts';
import { codeSpan, escapeMarkdownText } from '../reports/markdown.ts';
import { formatValue } from '../reports/format.ts';
import type { BaselineMeasurement } from './measure-baseline.ts';

/**
 * `bots/benchmark-before.txt`: the starting commit's medians, one row per benchmark metric (parsed benchmarks
 * first, the whole-run rows last), as a Markdown table. Benchmark names are untrusted: code spans.
 */
export function renderBaselineMd(measurement: BaselineMeasurement, sha: string): string {
  const rows = [...measurement.rows].sort(
    (a, b) =>
      Number(a.benchmark === WHOLE_RUN) - Number(b.benchmark === WHOLE_RUN) ||
      compare(a.benchmark, b.benchmark) ||
      compare(a.metric, b.metric),
  );
  const lines = rows.map(
    (row) =>
      `| ${codeSpan(row.benchmark, 'table')} | ${codeSpan(row.metric, 'table')} | ${escapeMarkdownText(formatValue(row.median, row.unit))} | ${row.n} |`,
  );
  return [
    `# Baseline of ${sha.slice(0, 7)}`,
    '',
    `Medians of ${measurement.runs} runs of the benchmark command on the starting commit (format: ${measurement.format}).`,
    '',
    '| Benchmark | Metric | Median | Runs |',
    '| --- | --- | --: | --: |',
    ...lines,
    '',
  ].join('\n');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
