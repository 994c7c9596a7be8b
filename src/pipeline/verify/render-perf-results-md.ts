import type { BenchReport } from '../../benchmark/bench-report.ts';
import { escapeMarkdownText, fenceUntrusted } from '../../reports/markdown.ts';
import { formatPercent } from '../../reports/format.ts';
import { renderBenchmarkTable } from '../../reports/bench-report/render-benchmark-table.ts';
import { renderGeomeanTable } from '../../reports/bench-report/render-geomean-table.ts';
import type { TargetEvaluation } from './evaluate-targets.ts';
import type { PhaseResult } from '../phase-outcome.ts';
import { renderTargetTable } from './render-target-table.ts';
import type { Tradeoffs } from '../tradeoffs.ts';

export interface PerfResultsInput {
  iteration: number;
  maxIterations: number;
  tests: Extract<PhaseResult, { phase: 'verify' }>['tests'];
  /** The failing tests' output (untrusted), when `tests` is `failed`. */
  testFailures?: string;
  evaluations: readonly TargetEvaluation[];
  /** The head-vs-baseline benchmark run; absent when VERIFY stopped at failing tests. */
  report?: BenchReport;
  /** The run's trade-offs and the ones this change broke (`evaluateTradeoffs`), once benchmarked. */
  tradeoffs?: Tradeoffs;
  tradeoffsBroken?: readonly string[];
}

const TESTS: Record<PerfResultsInput['tests'], string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  none: '⚠️ not run: the repository configures no test command (`test.command` in `.github/perf.yml`)',
};

/**
 * `bots/perf-results.md`, written by every VERIFY: the tests, the targets, and the before/after table
 * (baseline vs this iteration, the engine's medians and confidence intervals). Ends with a newline.
 */
export function renderPerfResultsMd(input: PerfResultsInput): string {
  const sections = [
    `# Results of iteration ${input.iteration} of ${input.maxIterations}`,
    `**Tests:** ${TESTS[input.tests]}`,
  ];
  if (input.tests === 'failed') {
    sections.push(
      input.testFailures === undefined || input.testFailures.trim() === ''
        ? 'No test output was captured.'
        : `Failing output (last lines):\n\n${fenceUntrusted(input.testFailures)}`,
    );
  }
  sections.push('## Targets', targetSection(input));
  if (input.tradeoffs !== undefined && input.report !== undefined)
    sections.push('## Trade-offs', tradeoffSection(input.tradeoffs, input.tradeoffsBroken ?? []));
  sections.push('## Before and after');
  if (input.report === undefined) {
    sections.push('Not benchmarked: the tests must pass first.');
  } else {
    const { confidence } = input.report.method;
    const table = renderBenchmarkTable(input.report.comparisons, { confidence });
    sections.push(table === '' ? 'The benchmark run produced no comparisons.' : table);
    const geomean = renderGeomeanTable(input.report.geomean, confidence);
    if (geomean !== '') sections.push(geomean);
  }
  return `${sections.join('\n\n')}\n`;
}

function tradeoffSection(tradeoffs: Tradeoffs, broken: readonly string[]): string {
  const allowed = `Allowed: other benchmarks at most ${formatPercent(tradeoffs.maxRegression.value)} slower, peak memory at most ${formatPercent(tradeoffs.maxMemory.value)} higher.`;
  if (broken.length === 0) return `**No trade-off broken.** ${allowed}`;
  // Benchmark names come from the benchmark's output: escaped like the rest of the untrusted text.
  return [
    `**${broken.length} ${broken.length === 1 ? 'trade-off' : 'trade-offs'} broken**, so this change goes back to analysis. ${allowed}`,
    ...broken.map((line) => `- ${escapeMarkdownText(line)}`),
  ].join('\n\n');
}

function targetSection(input: PerfResultsInput): string {
  if (input.report === undefined || input.evaluations.length === 0) return 'Not evaluated: nothing was benchmarked.';
  const met = input.evaluations.filter((evaluation) => evaluation.met).length;
  const total = input.evaluations.length;
  const verdict =
    met === total
      ? '**All targets met.**'
      : `**${total - met} of ${total} ${total === 1 ? 'target' : 'targets'} not met yet.**`;
  return `${verdict}\n\n${renderTargetTable(input.evaluations)}`;
}
