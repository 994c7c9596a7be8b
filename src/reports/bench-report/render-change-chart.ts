import type { ComparisonRow } from '../../benchmark/bench-report.ts';
import { mermaidLabel } from '../markdown.ts';
import { compareByChangeSize } from './select-notable-rows.ts';

/** More bars than this do not fit GitHub's comment width legibly. */
export const MAX_CHART_BARS = 12;

/**
 * A Mermaid `xychart-beta` bar chart of head as a percentage of base per benchmark (100 = unchanged, drawn as a
 * line), largest |change| first, capped at {@link MAX_CHART_BARS} bars. Returns an empty string for fewer than
 * two rows: one bar says nothing the summary sentence does not.
 *
 * Why not bars of the change itself: Mermaid draws every bar up from the bottom of the y-axis, not from zero,
 * so a −18% bar on a −20…+20 axis would look shorter than a −0.2% one. Ratios are positive, so with the axis
 * starting at 0 every bar's length is honest. Small changes look small; the table carries the exact numbers.
 */
export function renderChangeChart(rows: readonly ComparisonRow[]): string {
  const finite = rows.filter((row) => Number.isFinite(row.change) && row.change > -1);
  if (finite.length < 2) return '';
  const bars = [...finite].sort(compareByChangeSize).slice(0, MAX_CHART_BARS);
  const values = bars.map((row) => Math.round((1 + row.change) * 1000) / 10);
  const labels = uniqueLabels(bars.map((row) => mermaidLabel(row.benchmark)));
  const top = Math.max(125, Math.ceil(Math.max(...values) / 25) * 25);
  return [
    '```mermaid',
    'xychart-beta',
    `  x-axis [${labels.map((label) => `"${label}"`).join(', ')}]`,
    `  y-axis "Head as % of base" 0 --> ${top}`,
    `  bar [${values.join(', ')}]`,
    `  line [${values.map(() => 100).join(', ')}]`,
    '```',
  ].join('\n');
}

/** Placeholders for names with nothing printable, and a numeric suffix for names that sanitize alike. */
function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  return labels.map((label, index) => {
    const base = label === '' ? `benchmark ${index + 1}` : label;
    let candidate = base;
    for (let suffix = 2; seen.has(candidate); suffix++) candidate = `${base} ${suffix}`;
    seen.add(candidate);
    return candidate;
  });
}
