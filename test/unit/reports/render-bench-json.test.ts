import { describe, expect, it } from 'vitest';
import { renderBenchJson } from '../../../src/reports/bench-report/render-bench-json.ts';
import { goMetricsReport, makeReport, makeRow, slowdownReport } from './fixtures/bench-reports.ts';

const CONTRACT_ROW_KEYS = ['benchmark', 'metric', 'unit', 'base', 'head', 'change', 'ci', 'p', 'verdict'];
const EXTRA_ROW_KEYS = ['mde', 'noise', 'outliers', 'warnings', 'lowerIsBetter'];

describe('renderBenchJson', () => {
  it('has exactly the contract keys first, then the documented extras', () => {
    const json = JSON.parse(renderBenchJson(slowdownReport));
    expect(Object.keys(json)).toEqual([
      'base',
      'head',
      'runs',
      'comparisons',
      'warmup',
      'format',
      'geomean',
      'method',
      'warnings',
      'regression',
    ]);
    expect(json.base).toEqual({ ref: 'main', sha: '0123456789abcdef0123456789abcdef01234567' });
    expect(json.head).toEqual({ ref: 'feature/faster-parse', sha: 'fedcba9876543210fedcba9876543210fedcba98' });
    expect(json.runs).toEqual({ base: 20, head: 20 });
    for (const row of json.comparisons) {
      expect(Object.keys(row)).toEqual([...CONTRACT_ROW_KEYS, ...EXTRA_ROW_KEYS]);
      expect(Object.keys(row.base)).toEqual(['median', 'n']);
      expect(Object.keys(row.head)).toEqual(['median', 'n']);
      expect(typeof row.benchmark).toBe('string');
      expect(typeof row.metric).toBe('string');
      expect(typeof row.unit).toBe('string');
      expect(typeof row.base.median).toBe('number');
      expect(Number.isInteger(row.base.n)).toBe(true);
      expect(typeof row.change).toBe('number');
      expect(row.ci).toHaveLength(2);
      expect(typeof row.p).toBe('number');
      expect(['faster', 'slower', 'unchanged', 'inconclusive']).toContain(row.verdict);
    }
  });

  it('keeps raw verdicts and values for a bigger-is-better row', () => {
    const json = JSON.parse(renderBenchJson(goMetricsReport));
    expect(json.comparisons[2]).toEqual({
      benchmark: 'BenchmarkEncode-8',
      metric: 'MB/s',
      unit: 'MB/s',
      base: { median: 690.5, n: 15 },
      head: { median: 842.1, n: 15 },
      change: 0.2195,
      ci: [0.18, 0.26],
      p: 0.0002,
      verdict: 'faster',
      mde: 0.02,
      noise: 0.015,
      outliers: 0,
      warnings: [],
      lowerIsBetter: false,
    });
    expect(json.geomean[1]).toEqual({ metric: 'MB/s', change: 0.2195, ci: [0.18, 0.26], count: 1 });
    expect(json.method.stopReason).toBe('decided');
    expect(json.regression).toBe(true);
  });

  it('maps NaN and Infinity to null', () => {
    const report = makeReport({
      comparisons: [
        makeRow({
          benchmark: 'broken',
          base: { median: Number.NaN, n: 0 },
          change: Number.POSITIVE_INFINITY,
          ci: [Number.NEGATIVE_INFINITY, Number.NaN],
          p: Number.NaN,
          verdict: 'inconclusive',
          mde: Number.POSITIVE_INFINITY,
        }),
      ],
    });
    const row = JSON.parse(renderBenchJson(report)).comparisons[0];
    expect(row.base).toEqual({ median: null, n: 0 });
    expect(row.change).toBeNull();
    expect(row.ci).toEqual([null, null]);
    expect(row.p).toBeNull();
    expect(row.mde).toBeNull();
  });

  it('is pretty-printed with two spaces and ends with a newline', () => {
    const text = renderBenchJson(makeReport());
    expect(text.startsWith('{\n  "base": {\n    "ref": "main",\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('  "comparisons": [],\n');
  });
});
