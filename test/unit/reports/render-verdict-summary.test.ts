import { describe, expect, it } from 'vitest';
import type { ComparisonRow } from '../../../src/benchmark/bench-report.ts';
import { renderVerdictSummary } from '../../../src/reports/bench-report/render-verdict-summary.ts';
import {
  allUnchangedReport,
  goMetricsReport,
  inconclusiveReport,
  makeReport,
  makeRow,
  slowdownReport,
} from './fixtures/bench-reports.ts';

const unchanged = (benchmark: string): ComparisonRow => makeRow({ benchmark, change: 0.002 });
const slower = (benchmark: string, change: number): ComparisonRow =>
  makeRow({ benchmark, change, ci: [change - 0.03, change + 0.03], p: 0.001, verdict: 'slower' });
const faster = (benchmark: string, change: number): ComparisonRow =>
  makeRow({ benchmark, change, ci: [change - 0.03, change + 0.03], p: 0.001, verdict: 'faster' });

describe('renderVerdictSummary', () => {
  it('leads with the one slowdown, its CI, the tally and the failed gate', () => {
    expect(renderVerdictSummary(slowdownReport)).toBe(
      '🔴 **Head is 23.4% slower** on `parse` (95% CI +19.1% to +27.8%); ' +
        '1 of 5 benchmarks slower, none faster, 3 unchanged, 1 inconclusive. **Fails the 5.0% regression gate.**',
    );
  });

  it('says "no significant change" with the noise band when every row is unchanged', () => {
    expect(renderVerdictSummary(allUnchangedReport)).toBe(
      '⚪ **No significant change** on any of 3 benchmarks (noise band ±2.0%).',
    );
  });

  it('names the single benchmark when there is only one', () => {
    const report = makeReport({ comparisons: [unchanged('parse')] });
    expect(renderVerdictSummary(report)).toBe('⚪ **No significant change** on `parse` (noise band ±2.0%).');
  });

  it('states the largest MDE when nothing is significant but some rows are inconclusive', () => {
    expect(renderVerdictSummary(inconclusiveReport)).toBe(
      '❔ **Inconclusive on 2 of 4 benchmarks**: could not rule out changes up to ±6.1% (on `io/write-file`); ' +
        'none slower, none faster, 2 unchanged.',
    );
  });

  it('summarizes several speed-ups with the largest one and the geometric mean', () => {
    const report = makeReport({
      comparisons: [faster('a', -0.05), faster('b', -0.21), faster('c', -0.1), unchanged('d'), unchanged('e')],
      geomean: [{ metric: 'time', change: -0.072, ci: [-0.09, -0.055], count: 5 }],
    });
    expect(renderVerdictSummary(report)).toBe(
      '🟢 **Head is faster on 3 of 5 benchmarks** (up to -21.0% on `b`; geometric mean -7.2%, 95% CI -9.0% to -5.5%); ' +
        'none slower, 2 unchanged, none inconclusive.',
    );
  });

  it('summarizes several slowdowns and says when they stay within the gate', () => {
    const report = makeReport({ comparisons: [slower('a', 0.03), slower('b', 0.04), unchanged('c')] });
    expect(renderVerdictSummary(report)).toBe(
      '🔴 **Head is slower on 2 of 3 benchmarks** (up to +4.0% on `b`); none faster, 1 unchanged, none inconclusive. ' +
        'No slowdown exceeds the 5.0% regression gate.',
    );
  });

  it('calls a mix of slower and faster rows mixed', () => {
    const report = makeReport({
      comparisons: [slower('a', 0.03), faster('b', -0.1), faster('c', -0.08), unchanged('d')],
      geomean: [{ metric: 'time', change: -0.04, ci: [-0.06, -0.02], count: 4 }],
    });
    expect(renderVerdictSummary(report)).toBe(
      '🔴 **Mixed: head is slower on 1 and faster on 2 of 4 benchmarks** (geometric mean -4.0%, 95% CI -6.0% to -2.0%); ' +
        '1 unchanged, none inconclusive. No slowdown exceeds the 5.0% regression gate.',
    );
  });

  it('puts a gate failure from another metric before a green time headline, naming the row', () => {
    expect(renderVerdictSummary(goMetricsReport)).toBe(
      [
        '🔴 **Fails the 5.0% regression gate:** `BenchmarkEncode-8` (`B/op`) +12.0%.',
        '🟢 **Head is 18.0% faster** on `BenchmarkEncode-8` (95% CI -21.0% to -15.2%); ' +
          '1 of 2 benchmarks faster, none slower, 1 unchanged, none inconclusive.',
        'Other metrics — `MB/s`: 1 of 1 benchmark faster; `B/op`: 1 of 2 benchmarks more memory, 1 unchanged.',
      ].join('\n\n'),
    );
  });

  it('phrases a bigger-is-better headline as throughput when no time metric exists', () => {
    const report = makeReport({
      comparisons: [
        makeRow({
          benchmark: 'encode',
          metric: 'throughput',
          unit: 'ops/s',
          lowerIsBetter: false,
          change: -0.18,
          ci: [-0.22, -0.14],
          verdict: 'slower',
        }),
        makeRow({ benchmark: 'decode', metric: 'throughput', unit: 'ops/s', lowerIsBetter: false }),
      ],
      regression: true,
    });
    expect(renderVerdictSummary(report)).toBe(
      '🔴 **Head has 18.0% lower throughput** on `encode` (95% CI -22.0% to -14.0%); ' +
        '1 of 2 benchmarks slower, none faster, 1 unchanged, none inconclusive. **Fails the 5.0% regression gate.**',
    );
  });

  it('uses memory words for a memory-only report', () => {
    const report = makeReport({
      comparisons: [
        makeRow({ benchmark: 'load', metric: 'rss', unit: 'B', change: -0.25, ci: [-0.3, -0.2], verdict: 'faster' }),
        makeRow({ benchmark: 'save', metric: 'rss', unit: 'B', change: -0.1, ci: [-0.12, -0.08], verdict: 'faster' }),
      ],
    });
    expect(renderVerdictSummary(report)).toBe(
      '🟢 **Head uses less memory on 2 of 2 benchmarks** (up to -25.0% on `load`); ' +
        'none more memory, none unchanged, none inconclusive.',
    );
  });

  it('names a custom metric in a code span', () => {
    const report = makeReport({
      comparisons: [
        makeRow({
          benchmark: 'x',
          metric: 'allocs/op',
          unit: 'allocs/op',
          change: 0.5,
          ci: [0.5, 0.5],
          verdict: 'slower',
        }),
      ],
      regression: true,
    });
    expect(renderVerdictSummary(report)).toBe(
      '🔴 **Head has 50.0% higher `allocs/op`** on `x` (95% CI +50.0% to +50.0%); ' +
        '1 of 1 benchmark worse, none better, none unchanged, none inconclusive. **Fails the 5.0% regression gate.**',
    );
  });

  it('says so when there is nothing to compare', () => {
    expect(renderVerdictSummary(makeReport())).toBe('❔ **No benchmark results to compare.**');
  });
});
