import type { AnalyzerOutput } from '../agents/agent-output.ts';
import { codeSpan, escapeMarkdownText } from '../reports/markdown.ts';

/** `bots/perf-analysis.md`: the analyzer's findings, escaped as plain text (agent output is untrusted). */
export function renderAnalysisMd(analysis: AnalyzerOutput, round: number): string {
  const lines = [
    `# Performance analysis (round ${round})`,
    '',
    escapeMarkdownText(analysis.summary, 3000),
    '',
    '## Bottlenecks',
    '',
  ];
  if (analysis.bottlenecks.length === 0) lines.push('None found.');
  analysis.bottlenecks.forEach((bottleneck, index) => {
    const file = bottleneck.file === undefined ? '' : ` (${codeSpan(bottleneck.file)})`;
    lines.push(
      `${index + 1}. **${escapeMarkdownText(bottleneck.title, 300)}**${file}: ${escapeMarkdownText(bottleneck.detail, 3000)}`,
    );
  });
  return `${lines.join('\n')}\n`;
}
