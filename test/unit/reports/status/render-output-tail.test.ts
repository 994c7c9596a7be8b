import { describe, expect, it } from 'vitest';
import { renderOutputTail } from '../../../../src/reports/failure/render-output-tail.ts';

const lines = (count: number, width = 10) =>
  Array.from({ length: count }, (_, index) => `line ${index + 1}`.padEnd(width, '.')).join('\n');

describe('renderOutputTail', () => {
  it('shows short output whole, collapsed, in a plain fence', () => {
    expect(renderOutputTail('error: boom\n')).toBe(
      '<details><summary>Last lines of output</summary>\n\n```\nerror: boom\n```\n\n</details>',
    );
  });

  it('keeps the last 50 lines and says how many earlier ones were cut', () => {
    const text = renderOutputTail(lines(120));
    expect(text).toContain('\n\n… 70 earlier lines cut\n\n```\nline 71...\n');
    expect(text).toContain('\nline 120..\n```\n');
    expect(text.split('\n').filter((line) => line.startsWith('line '))).toHaveLength(50);
  });

  it('keeps at most 6000 characters of lines, dropping whole lines from the start', () => {
    const text = renderOutputTail(lines(50, 200));
    const shown = text.split('\n').filter((line) => line.startsWith('line '));
    expect(shown).toHaveLength(29);
    expect(shown.join('\n').length).toBeLessThanOrEqual(6000);
    expect(shown[0]?.startsWith('line 22.')).toBe(true);
    expect(text).toContain('… 21 earlier lines cut');
  });

  it('keeps the end of a single line that is too long', () => {
    const text = renderOutputTail(`start${'x'.repeat(10_000)}END`);
    const shown = text.split('\n').find((line) => line.startsWith('…'));
    expect(shown).toBe(`…${'x'.repeat(5996)}END`);
  });

  it('says "1 earlier line" for one', () => {
    expect(renderOutputTail(lines(51))).toContain('… 1 earlier line cut');
  });

  it('renders nothing for output that is empty once cleaned', () => {
    expect(renderOutputTail('')).toBe('');
    expect(renderOutputTail('\n \u001b[0m\n\u200b\n')).toBe('');
  });
});
