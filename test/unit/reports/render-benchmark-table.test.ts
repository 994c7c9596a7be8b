import { describe, expect, it } from 'vitest';
import { renderBenchmarkTable } from '../../../src/reports/bench-report/render-benchmark-table.ts';
import {
  goMetricsReport,
  HOSTILE_NAME,
  hostileNameReport,
  inconclusiveReport,
  makeRow,
} from './fixtures/bench-reports.ts';

/** Splits a GFM table row into cells the way GitHub does: on every `|` not escaped by a backslash. */
function cells(line: string): string[] {
  return line
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

describe('renderBenchmarkTable', () => {
  it('renders the six summary columns with the confidence level in the CI header', () => {
    const rows = [
      makeRow({
        benchmark: 'parse',
        base: { median: 45_600_000, n: 20 },
        head: { median: 56_270_000, n: 20 },
        change: 0.234,
        ci: [0.191, 0.278],
        verdict: 'slower',
      }),
    ];
    expect(renderBenchmarkTable(rows, { confidence: 0.9 })).toBe(
      [
        '| Benchmark | Base | Head | Change | 90% CI | Verdict |',
        '| --- | --: | --: | --: | --: | --- |',
        '| `parse` | 45.6 ms | 56.3 ms | +23.4% | [+19.1%, +27.8%] | 🔴 slower |',
      ].join('\n'),
    );
  });

  it('words verdicts for the metric: throughput faster, memory more/less, other worse', () => {
    const table = renderBenchmarkTable(goMetricsReport.comparisons, { confidence: 0.95 });
    expect(table.split('\n').slice(2)).toEqual([
      '| `BenchmarkEncode-8` | 1.73 µs | 1.42 µs | -18.0% | [-21.0%, -15.2%] | 🟢 faster |',
      '| `BenchmarkDecode-8` | 980 ns | 978 ns | -0.2% | [-1.0%, +1.0%] | ⚪ unchanged |',
      '| `BenchmarkEncode-8` (`MB/s`) | 691 MB/s | 842 MB/s | +22.0% | [+18.0%, +26.0%] | 🟢 faster |',
      '| `BenchmarkEncode-8` (`B/op`) | 1.50 KiB/op | 1.68 KiB/op | +12.0% | [+12.0%, +12.0%] | 🔴 more memory |',
      '| `BenchmarkDecode-8` (`B/op`) | 512 B/op | 512 B/op | 0.0% | [0.0%, 0.0%] | ⚪ unchanged |',
    ]);
    const other = makeRow({ benchmark: 'x', metric: 'allocs/op', unit: 'allocs/op', verdict: 'slower' });
    expect(renderBenchmarkTable([other], { confidence: 0.95 })).toContain('| 🔴 worse |');
  });

  it('shows the MDE of inconclusive rows in the verdict and the extra columns in the full variant', () => {
    const table = renderBenchmarkTable(inconclusiveReport.comparisons.slice(2, 3), {
      confidence: 0.95,
      variant: 'full',
    });
    expect(table).toBe(
      [
        '| Benchmark | Base | Head | Change | 95% CI | p | n | MDE | Noise | Outliers | Verdict |',
        '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --- |',
        '| `io/write-file` | 1.00 ms | 1.00 ms | -4.0% | [-11.0%, +3.5%] | 0.400 | 20 | ±6.1% | 9.0% | 3 | ❔ inconclusive (±6.1%) |',
      ].join('\n'),
    );
  });

  it('shows unequal sample counts as base/head', () => {
    const row = makeRow({ benchmark: 'a', base: { median: 1, n: 19 }, head: { median: 1, n: 20 } });
    expect(renderBenchmarkTable([row], { confidence: 0.95, variant: 'full' })).toContain('| 19/20 |');
  });

  it('keeps a hostile name inside one cell, as code, with pipes escaped', () => {
    const table = renderBenchmarkTable(hostileNameReport.comparisons, { confidence: 0.95 });
    const lines = table.split('\n');
    for (const line of lines) expect(cells(line)).toHaveLength(6);
    expect(lines).toHaveLength(4);
    expect(cells(lines[2] ?? '')[0]).toBe('`` evil\\|name `rm -rf` @octocat <script>alert(1)</script> ``');
    expect(cells(lines[3] ?? '')[0]).toBe('``` line break ``double`` "quoted" [x] %%{init}%% ```');
    expect(HOSTILE_NAME).toContain('|');
  });

  it('renders nothing for no rows', () => {
    expect(renderBenchmarkTable([], { confidence: 0.95 })).toBe('');
  });
});
