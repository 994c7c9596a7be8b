import { describe, expect, it } from 'vitest';
import { renderChangeChart } from '../../../src/reports/bench-report/render-change-chart.ts';
import { makeRow } from './fixtures/bench-reports.ts';

describe('renderChangeChart', () => {
  it('charts head as % of base, largest change first, with a line at 100', () => {
    const rows = [
      makeRow({ benchmark: 'small', change: 0.01 }),
      makeRow({ benchmark: 'big "one"', change: -0.4 }),
      makeRow({ benchmark: 'mid', change: 0.2 }),
    ];
    expect(renderChangeChart(rows)).toBe(
      [
        '```mermaid',
        'xychart-beta',
        '  x-axis ["big one", "mid", "small"]',
        '  y-axis "Head as % of base" 0 --> 125',
        '  bar [60, 120, 101]',
        '  line [100, 100, 100]',
        '```',
      ].join('\n'),
    );
  });

  it('caps the chart at 12 bars and rounds the axis up to a multiple of 25', () => {
    const rows = Array.from({ length: 15 }, (_, index) =>
      makeRow({ benchmark: `b${String(index).padStart(2, '0')}`, change: index / 10 }),
    );
    const chart = renderChangeChart(rows);
    expect(chart).toContain(
      '  x-axis ["b14", "b13", "b12", "b11", "b10", "b09", "b08", "b07", "b06", "b05", "b04", "b03"]',
    );
    expect(chart).toContain('  y-axis "Head as % of base" 0 --> 250');
    expect(chart).toContain('  bar [240, 230, 220, 210, 200, 190, 180, 170, 160, 150, 140, 130]');
  });

  it('gives names that sanitize to nothing or alike distinct placeholders', () => {
    const rows = [
      makeRow({ benchmark: '"""', change: 0.3 }),
      makeRow({ benchmark: 'a[1]', change: 0.2 }),
      makeRow({ benchmark: 'a(1)', change: 0.1 }),
    ];
    expect(renderChangeChart(rows)).toContain('  x-axis ["benchmark 1", "a 1", "a 1 2"]');
  });

  it('draws nothing for fewer than two rows', () => {
    expect(renderChangeChart([makeRow({ benchmark: 'only', change: 0.2 })])).toBe('');
  });
});
