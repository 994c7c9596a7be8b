import { describe, expect, it } from 'vitest';
import type { ComparisonRow } from '../../../src/benchmark/bench-report.ts';
import { evaluateTargets } from '../../../src/pipeline/verify/evaluate-targets.ts';
import { evaluateTradeoffs } from '../../../src/pipeline/verify/evaluate-tradeoffs.ts';
import type { PipelineTarget } from '../../../src/pipeline/pipeline-target.ts';
import { resolveTradeoffs, type Tradeoffs } from '../../../src/pipeline/tradeoffs.ts';
import { makeRow } from '../reports/fixtures/bench-reports.ts';

const MIB = 1024 * 1024;
const tradeoffs: Tradeoffs = {
  maxRegression: { value: 0.05, source: 'regression gate' },
  maxMemory: { value: 0.1, source: 'default' },
};

function memory(change: number, ci: [number, number]): ComparisonRow {
  return makeRow({
    benchmark: '(whole run)',
    metric: 'memory',
    unit: 'B',
    base: { median: 50 * MIB, n: 10 },
    head: { median: 50 * MIB * (1 + change), n: 10 },
    change,
    ci,
  });
}

function broken(targets: PipelineTarget[], rows: ComparisonRow[]): string[] {
  return evaluateTradeoffs(rows, evaluateTargets(targets, rows), tradeoffs, { confidence: 0.95 });
}

const overall: PipelineTarget = { kind: 'overall', improve: 0.2, metric: 'time', source: 'command' };

describe('evaluateTradeoffs', () => {
  it('flags another benchmark 30% slower even when the suite-wide target is met by the geometric mean', () => {
    const rows = [
      makeRow({ benchmark: 'sum', change: -0.9, ci: [-0.92, -0.88], verdict: 'faster' }),
      makeRow({ benchmark: 'other', change: 0.3, ci: [0.26, 0.34], verdict: 'slower' }),
    ];
    expect(broken([overall], rows)).toEqual([
      'trade-off broken: other 30.0% slower (95% CI 26.0% to 34.0% slower), allowed at most 5.0% slower (optimize.tradeoffs.maxRegression)',
    ]);
  });

  it('judges on the better end of the interval: a slowdown whose interval reaches below the allowance is not broken', () => {
    const rows = [makeRow({ benchmark: 'other', change: 0.07, ci: [0.04, 0.1], verdict: 'slower' })];
    expect(broken([overall], rows)).toEqual([]);
  });

  it('exempts the benchmarks an improve target matches (they must get faster anyway), not the others', () => {
    const rows = [
      makeRow({ benchmark: 'parse/a', change: 0.2, ci: [0.15, 0.25], verdict: 'slower' }),
      makeRow({ benchmark: 'render', change: 0.2, ci: [0.15, 0.25], verdict: 'slower' }),
    ];
    const target: PipelineTarget = {
      kind: 'improve',
      benchmark: 'parse/*',
      improve: 0.1,
      metric: 'time',
      source: 'perf.yml',
    };
    expect(broken([target], rows).map((line) => line.split(' ')[2])).toEqual(['render']);
  });

  it('reads higher-is-better metrics the right way round', () => {
    const rows = [
      makeRow({
        benchmark: 'parse',
        metric: 'throughput',
        unit: 'ops/s',
        lowerIsBetter: false,
        change: -0.2,
        ci: [-0.25, -0.15],
      }),
    ];
    const target: PipelineTarget = { kind: 'anyImprovement', metric: 'throughput', source: 'default' };
    expect(broken([target], rows)).toEqual([
      'trade-off broken: parse 20.0% lower throughput (95% CI 15.0% to 25.0% lower throughput), allowed at most 5.0% lower throughput (optimize.tradeoffs.maxRegression)',
    ]);
  });

  it('checks the whole run only when no parsed benchmark measures the metric', () => {
    const slowWhole = makeRow({ benchmark: '(whole run)', change: 0.3, ci: [0.25, 0.35] });
    expect(broken([overall], [makeRow({ benchmark: 'sum', change: -0.5, ci: [-0.6, -0.4] }), slowWhole])).toEqual([]);
    expect(broken([overall], [slowWhole])).toHaveLength(1);
  });

  it('flags doubled peak memory, and accepts memory within the allowance', () => {
    expect(broken([overall], [memory(1, [0.95, 1.05])])).toEqual([
      'trade-off broken: (whole run) 100.0% more memory (95% CI 95.0% to 105.0% more memory), allowed at most 10.0% more memory (optimize.tradeoffs.maxMemory)',
    ]);
    expect(broken([overall], [memory(0.12, [0.08, 0.16])])).toEqual([]);
  });
});

describe('resolveTradeoffs', () => {
  it('takes the command over perf.yml over the defaults (the regression gate, +10% memory)', () => {
    expect(resolveTradeoffs({ configured: {}, regressionGate: 0.05 })).toEqual(tradeoffs);
    expect(resolveTradeoffs({ configured: { maxRegression: 0.02, maxMemory: 0.3 }, regressionGate: 0.05 })).toEqual({
      maxRegression: { value: 0.02, source: 'perf.yml' },
      maxMemory: { value: 0.3, source: 'perf.yml' },
    });
    expect(
      resolveTradeoffs({
        configured: { maxRegression: 0.02, maxMemory: 0.3 },
        regressionGate: 0.05,
        command: { maxRegression: 0.1 },
      }),
    ).toEqual({
      maxRegression: { value: 0.1, source: 'command' },
      maxMemory: { value: 0.3, source: 'perf.yml' },
    });
  });
});
