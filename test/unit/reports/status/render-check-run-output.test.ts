import { describe, expect, it } from 'vitest';
import type { BenchReport, ComparisonRow } from '../../../../src/benchmark/bench-report.ts';
import { CHECK_OUTPUT_LIMIT } from '../../../../src/github/truncate-check-output.ts';
import { renderCheckRunOutput } from '../../../../src/reports/check-run/render-check-run-output.ts';
import { makeReport, makeRow } from '../fixtures/bench-reports.ts';

const slower = (benchmark: string, change: number): ComparisonRow =>
  makeRow({ benchmark, change, ci: [change - 0.01, change + 0.01], p: 0.001, verdict: 'slower' });
const faster = (benchmark: string, change: number): ComparisonRow =>
  makeRow({ benchmark, change, ci: [change - 0.01, change + 0.01], p: 0.001, verdict: 'faster' });
const inconclusive = (benchmark: string): ComparisonRow =>
  makeRow({ benchmark, change: 0.02, ci: [-0.03, 0.07], p: 0.4, verdict: 'inconclusive', mde: 0.06 });
const unchanged = (benchmark: string): ComparisonRow => makeRow({ benchmark });

function check(comparisons: ComparisonRow[], regression = false) {
  const { conclusion, output } = renderCheckRunOutput({
    type: 'report',
    report: makeReport({ comparisons, regression }),
  });
  return { conclusion, title: output.title };
}

describe('renderCheckRunOutput for a report', () => {
  it.each<[name: string, rows: ComparisonRow[], regression: boolean, conclusion: string, title: string]>([
    ['a regression', [slower('sort', 0.43), unchanged('a')], true, 'failure', 'sort 43.0% slower (gate 5.0%)'],
    [
      'several regressions',
      [slower('sort', 0.43), slower('map', 0.08), slower('find', 0.03)],
      true,
      'failure',
      'sort 43.0% slower and 1 more (gate 5.0%)',
    ],
    [
      'a slowdown within the gate',
      [slower('sort', 0.03), unchanged('a')],
      false,
      'success',
      'sort 3.0% slower (within the 5.0% gate)',
    ],
    [
      'slowdowns within the gate',
      [slower('sort', 0.03), slower('map', 0.04), unchanged('a')],
      false,
      'success',
      '2 of 3 benchmarks slower, up to 4.0% (within the 5.0% gate)',
    ],
    ['a speed-up', [faster('sort', -0.2), unchanged('a')], false, 'success', 'sort 20.0% faster'],
    [
      'speed-ups',
      [faster('sort', -0.2), faster('map', -0.1), unchanged('a')],
      false,
      'success',
      '2 of 3 benchmarks faster, up to 20.0%',
    ],
    [
      'mixed',
      [faster('sort', -0.2), slower('map', 0.03), unchanged('a')],
      false,
      'success',
      'Mixed: 1 slower, 1 faster of 3 benchmarks (within the 5.0% gate)',
    ],
    [
      'inconclusive only',
      [inconclusive('io'), inconclusive('net'), unchanged('a')],
      false,
      'neutral',
      'Inconclusive on 2 of 3 benchmarks',
    ],
    ['inconclusive and faster', [inconclusive('io'), faster('sort', -0.2)], false, 'neutral', 'sort 20.0% faster'],
    [
      'inconclusive and slower within the gate',
      [inconclusive('io'), slower('sort', 0.03)],
      false,
      'success',
      'sort 3.0% slower (within the 5.0% gate)',
    ],
    [
      'all unchanged',
      [unchanged('a'), unchanged('b'), unchanged('c')],
      false,
      'success',
      'No significant change on 3 benchmarks',
    ],
    ['one unchanged', [unchanged('a')], false, 'success', 'No significant change on 1 benchmark'],
    ['no rows', [], false, 'neutral', 'No benchmark results to compare'],
  ])('%s', (_, rows, regression, conclusion, title) => {
    expect(check(rows, regression)).toEqual({ conclusion, title });
  });

  it('fails on a regression of another metric and names it, under a faster time', () => {
    const rows = [
      faster('encode', -0.18),
      makeRow({
        benchmark: 'encode',
        metric: 'allocs/op',
        unit: 'allocs/op',
        change: 0.5,
        ci: [0.5, 0.5],
        p: 0.001,
        verdict: 'slower',
      }),
    ];
    expect(check(rows, true)).toEqual({ conclusion: 'failure', title: 'encode 50.0% worse (allocs/op) (gate 5.0%)' });
  });

  it('keeps titles to one plain line: names cleaned of line breaks and capped', () => {
    const name = `evil\n\`x\` ${'y'.repeat(100)}`;
    expect(check([slower(name, 0.43)], true).title).toBe(`evil \`x\` ${'y'.repeat(50)}… 43.0% slower (gate 5.0%)`);
  });

  it('stays within GitHub’s limit with thousands of rows, cutting the tables with a note', () => {
    const comparisons = Array.from({ length: 3000 }, (_, index) =>
      slower(`benchmark/number-${index}`, 0.1 + index / 10_000),
    );
    const report: BenchReport = makeReport({ comparisons, regression: true });
    const { output } = renderCheckRunOutput({ type: 'report', report });
    expect(output.summary.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(output.text?.length).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(output.summary).toMatch(/\n\n… \d+ more rows not shown$/);
    expect(output.text).toContain('**How we measured**');
    expect(output.summary.startsWith('🔴 **Head is slower on 3000 of 3000 benchmarks**')).toBe(true);
  });
});

describe('renderCheckRunOutput when a run did not finish', () => {
  it('fails with the failure’s title', () => {
    const failure = { title: 'benchmark.command failed on head (exit code 3)', problem: 'p', fix: 'f' };
    expect(renderCheckRunOutput({ type: 'failed', failure })).toEqual({
      conclusion: 'failure',
      output: {
        title: 'benchmark.command failed on head (exit code 3)',
        summary: '❌ **benchmark.command failed on head (exit code 3)**\n\np\n\n**What to do:** f',
      },
    });
  });

  it('is cancelled when cancelled or outdated', () => {
    expect(renderCheckRunOutput({ type: 'cancelled' })).toEqual({
      conclusion: 'cancelled',
      output: { title: 'Cancelled', summary: '🚫 The run was cancelled before it finished.' },
    });
    const moved = renderCheckRunOutput(
      { type: 'head-moved', pinned: 'a'.repeat(40), current: 'b'.repeat(40) },
      'optimize',
    );
    expect(moved.conclusion).toBe('cancelled');
    expect(moved.output.title).toBe("Stopped: the pull request's head moved");
    expect(moved.output.summary).toContain('from `aaaaaaa` to `bbbbbbb`');
    expect(moved.output.summary).toContain('Comment `/perf optimize` again to optimize the new head.');
  });
});
