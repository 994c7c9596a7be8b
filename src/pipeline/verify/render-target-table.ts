import { codeSpan, escapeMarkdownText } from '../../reports/markdown.ts';
import { describeTargetGoal, describeTargetScope } from '../init/describe-target.ts';
import type { TargetEvaluation } from './evaluate-targets.ts';

/** The target evaluation as a table: one row per target, met or not, and why (escaped: it names benchmarks). */
export function renderTargetTable(evaluations: readonly TargetEvaluation[]): string {
  if (evaluations.length === 0) return '';
  const rows = evaluations.map(({ target, met, explanation }) => {
    const scope = describeTargetScope(target);
    const scopeCell = target.kind === 'improve' || target.kind === 'reduceMemory' ? codeSpan(scope, 'table') : scope;
    return `| ${scopeCell} | ${describeTargetGoal(target)} | ${met ? '✅ met' : '❌ not met'} | ${escapeMarkdownText(explanation, 1000)} |`;
  });
  return ['| Benchmarks | Goal | Status | Why |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
