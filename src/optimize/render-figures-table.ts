import type { BenchSnapshot, VerifySnapshot } from '../pipeline/bench-snapshot.ts';
import { codeSpan, escapeMarkdownText } from '../reports/markdown.ts';
import { formatValue } from '../reports/format.ts';

/**
 * The figures the agents are shown as "current measurements": the starting commit's medians and, once an
 * iteration was verified, that iteration's medians next to them. Names are code spans (untrusted).
 */
export function renderFiguresTable(baseline: BenchSnapshot | undefined, latest?: VerifySnapshot): string {
  if (baseline === undefined || baseline.figures.length === 0) return 'No measurements yet.';
  const header =
    latest === undefined
      ? ['Benchmark', 'Metric', 'Before']
      : ['Benchmark', 'Metric', 'Before', `Iteration ${latest.iteration}`];
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index < 2 ? '---' : '--:')).join(' | ')} |`,
  ];
  for (const figure of baseline.figures) {
    const cells = [
      codeSpan(figure.benchmark, 'table'),
      codeSpan(figure.metric, 'table'),
      escapeMarkdownText(formatValue(figure.median, figure.unit)),
    ];
    if (latest !== undefined) {
      const now = latest.figures.find(
        (candidate) => candidate.benchmark === figure.benchmark && candidate.metric === figure.metric,
      );
      cells.push(now === undefined ? '–' : escapeMarkdownText(formatValue(now.median, now.unit)));
    }
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
