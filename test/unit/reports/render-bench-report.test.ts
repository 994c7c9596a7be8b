import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderBenchReport } from '../../../src/reports/bench-report/render-bench-report.ts';
import { hostileNameReport, slowdownReport } from './fixtures/bench-reports.ts';
import { GOLDEN_CASES, GOLDEN_DIR } from './fixtures/golden-cases.ts';

describe('renderBenchReport', () => {
  // To update after an intended change: npx tsx test/unit/reports/write-golden.ts, then review the diff.
  it.each(GOLDEN_CASES)('matches the golden file $file', ({ file, report }) => {
    const expected = readFileSync(new URL(file, GOLDEN_DIR), 'utf8');
    expect(renderBenchReport(report)).toBe(expected);
  });

  it('renders the same text every time', () => {
    expect(renderBenchReport(slowdownReport)).toBe(renderBenchReport(structuredClone(slowdownReport)));
  });

  it('puts the verdict first, then the rows that matter, then the collapsed sections in order', () => {
    const text = renderBenchReport(slowdownReport);
    expect(text.startsWith('🔴 **Head is 23.4% slower**')).toBe(true);
    const order = [
      '| `parse` | 45.6 ms',
      '| `emit` | 1.23 µs',
      '**Geometric mean**',
      '<details><summary>Chart: head time as % of base (5 benchmarks)</summary>',
      '<details><summary>All 5 comparisons</summary>',
      '<details><summary>How we measured</summary>',
    ].map((marker) => text.indexOf(marker));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('never lets a hostile name produce raw HTML, a live mention or an unescaped pipe in a table', () => {
    const text = renderBenchReport(hostileNameReport);
    const outsideCode = stripCodeSpans(text);
    expect(outsideCode).toContain('Fails the 5.0% regression gate');
    expect(outsideCode).not.toContain('rm -rf');
    expect(outsideCode).not.toContain('<script');
    expect(outsideCode).not.toContain('<b>');
    expect(outsideCode).not.toMatch(/@[a-z]/);
    const nameRows = text.split('\n').filter((line) => line.startsWith('| `` evil'));
    expect(nameRows).toHaveLength(2);
    for (const row of nameRows) expect(row).toContain('evil\\|name');
  });
});

/** Removes CommonMark code spans (and fences): a run of N backticks up to the next run of exactly N. */
function stripCodeSpans(text: string): string {
  let result = '';
  let index = 0;
  while (index < text.length) {
    const open = /`+/g;
    open.lastIndex = index;
    const opening = open.exec(text);
    if (!opening) break;
    result += text.slice(index, opening.index);
    const fence = opening[0];
    const close = new RegExp(`(?<!\`)${fence}(?!\`)`, 'g');
    close.lastIndex = opening.index + fence.length;
    const closing = close.exec(text);
    if (!closing) {
      result += fence;
      index = opening.index + fence.length;
      continue;
    }
    index = closing.index + fence.length;
  }
  return result + text.slice(index);
}
