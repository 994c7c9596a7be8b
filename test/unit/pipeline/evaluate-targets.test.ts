import { describe, expect, it } from 'vitest';
import type { ComparisonRow } from '../../../src/benchmark/bench-report.ts';
import { evaluateTargets } from '../../../src/pipeline/verify/evaluate-targets.ts';
import type { PipelineTarget } from '../../../src/pipeline/pipeline-target.ts';
import { makeRow } from '../reports/fixtures/bench-reports.ts';

const MIB = 1024 * 1024;
const rows: ComparisonRow[] = [
  makeRow({ benchmark: 'parse/small', change: -0.15, ci: [-0.18, -0.12], verdict: 'faster' }),
  makeRow({ benchmark: 'parse/large', change: -0.06, ci: [-0.08, -0.04], verdict: 'faster' }),
  makeRow({ benchmark: 'render', change: 0.01, ci: [-0.01, 0.03] }),
  makeRow({ benchmark: '(whole run)', change: -0.05, ci: [-0.07, -0.03], verdict: 'faster' }),
  makeRow({
    benchmark: '(whole run)',
    metric: 'memory',
    unit: 'B',
    base: { median: 75 * MIB, n: 20 },
    head: { median: 60 * MIB, n: 20 },
    change: -0.2,
    ci: [-0.22, -0.18],
    verdict: 'faster',
  }),
  makeRow({
    benchmark: 'parse/small',
    metric: 'throughput',
    unit: 'ops/s',
    lowerIsBetter: false,
    change: 0.18,
    ci: [0.14, 0.21],
    verdict: 'faster',
  }),
];
const options = {
  confidence: 0.95,
  geomean: [{ metric: 'time', change: -0.07, ci: [-0.09, -0.05] as [number, number], count: 3 }],
};

function improve(benchmark: string, fraction: number, metric = 'time'): PipelineTarget {
  return { kind: 'improve', benchmark, improve: fraction, metric, source: 'perf.yml' };
}

function one(target: PipelineTarget, input: readonly ComparisonRow[] = rows, opts = options) {
  const [evaluation] = evaluateTargets([target], input, opts);
  return {
    met: evaluation?.met,
    matched: evaluation?.matched.map((row) => row.benchmark),
    explanation: evaluation?.explanation,
  };
}

describe('evaluateTargets', () => {
  it.each([
    {
      name: 'a glob is met only when every matched benchmark clears it (6% does not clear 10%)',
      target: improve('parse/*', 0.1),
      met: false,
      matched: ['parse/small', 'parse/large'],
      explanation:
        'parse/*: 1 of 2 benchmarks not yet 10.0% faster with confidence: parse/large 6.0% faster (95% CI 4.0% to 8.0% faster)',
    },
    {
      name: 'a glob all of whose benchmarks clear it is met, naming the closest one',
      target: improve('parse/*', 0.04),
      met: true,
      matched: ['parse/small', 'parse/large'],
      explanation:
        'parse/*: all 2 benchmarks at least 4.0% faster with confidence; least: parse/large 6.0% faster (95% CI 4.0% to 8.0% faster)',
    },
    {
      name: 'the confidence bound decides, not the point estimate (15% median, 12% bound, 13% target)',
      target: improve('parse/small', 0.13),
      met: false,
      matched: ['parse/small'],
      explanation: 'parse/small 15.0% faster (95% CI 12.0% to 18.0% faster), target 13.0% faster',
    },
    {
      name: 'a bound exactly on the target counts as met',
      target: improve('parse/small', 0.12),
      met: true,
      matched: ['parse/small'],
      explanation: 'parse/small 15.0% faster (95% CI 12.0% to 18.0% faster), target 12.0% faster',
    },
    {
      name: 'bigger-is-better metrics use the lower bound',
      target: improve('parse/*', 0.14, 'throughput'),
      met: true,
      matched: ['parse/small'],
      explanation:
        'parse/*: parse/small 18.0% higher throughput (95% CI 14.0% to 21.0% higher throughput), target 14.0% higher throughput',
    },
    {
      name: 'bigger-is-better: a lower bound short of the target is not met',
      target: improve('parse/*', 0.15, 'throughput'),
      met: false,
      matched: ['parse/small'],
      explanation:
        'parse/*: parse/small 18.0% higher throughput (95% CI 14.0% to 21.0% higher throughput), target 15.0% higher throughput',
    },
    {
      name: 'a target matching nothing is not met and lists what there is',
      target: improve('emit*', 0.1),
      met: false,
      matched: [],
      explanation:
        'no benchmark measuring time matches emit*; available: parse/small, parse/large, render, (whole run)',
    },
    {
      name: '`*` skips the whole-run row when parsed benchmarks measure the metric',
      target: improve('*', 0.05),
      met: false,
      matched: ['parse/small', 'parse/large', 'render'],
      explanation:
        '*: 2 of 3 benchmarks not yet 5.0% faster with confidence: parse/large 6.0% faster (95% CI 4.0% to 8.0% faster); ' +
        'render 1.0% slower (95% CI 1.0% faster to 3.0% slower)',
    },
    {
      name: 'the whole-run row is matched by its exact name',
      target: improve('(whole run)', 0.03),
      met: true,
      matched: ['(whole run)'],
      explanation: '(whole run) 5.0% faster (95% CI 3.0% to 7.0% faster), target 3.0% faster',
    },
    {
      name: 'reduceMemory uses the whole-run peak memory',
      target: { kind: 'reduceMemory', benchmark: '*', reduceMemory: 0.15, source: 'perf.yml' } as PipelineTarget,
      met: true,
      matched: ['(whole run)'],
      explanation: '*: (whole run) 20.0% less memory (95% CI 18.0% to 22.0% less memory), target 15.0% less memory',
    },
    {
      name: 'reduceMemory short of the target',
      target: { kind: 'reduceMemory', benchmark: '*', reduceMemory: 0.2, source: 'perf.yml' } as PipelineTarget,
      met: false,
      matched: ['(whole run)'],
      explanation: '*: (whole run) 20.0% less memory (95% CI 18.0% to 22.0% less memory), target 20.0% less memory',
    },
    {
      name: 'reduceMemory on a benchmark without a memory measurement says where memory is measured',
      target: { kind: 'reduceMemory', benchmark: 'parse', reduceMemory: 0.15, source: 'perf.yml' } as PipelineTarget,
      met: false,
      matched: [],
      explanation: 'no peak-memory measurement matches parse; available: (whole run)',
    },
    {
      name: 'overall targets use the geometric mean',
      target: { kind: 'overall', improve: 0.05, metric: 'time', source: 'command' } as PipelineTarget,
      met: true,
      matched: ['parse/small', 'parse/large', 'render'],
      explanation: 'geometric mean of 3 benchmarks: 7.0% faster (95% CI 5.0% to 9.0% faster), target 5.0% faster',
    },
    {
      name: 'overall target above the geometric mean bound',
      target: { kind: 'overall', improve: 0.06, metric: 'time', source: 'command' } as PipelineTarget,
      met: false,
      matched: ['parse/small', 'parse/large', 'render'],
      explanation: 'geometric mean of 3 benchmarks: 7.0% faster (95% CI 5.0% to 9.0% faster), target 6.0% faster',
    },
    {
      name: 'no target: any significant improvement with nothing worse',
      target: { kind: 'anyImprovement', metric: 'time', source: 'default' } as PipelineTarget,
      met: true,
      matched: ['parse/small', 'parse/large', 'render'],
      explanation:
        '2 of 3 significantly better, none worse: parse/small 15.0% faster (95% CI 12.0% to 18.0% faster); parse/large 6.0% faster (95% CI 4.0% to 8.0% faster)',
    },
  ])('$name', ({ target, met, matched, explanation }) => {
    expect(one(target)).toEqual({ met, matched, explanation });
  });

  it('no target: a significantly slower benchmark means not met', () => {
    const slower = [...rows, makeRow({ benchmark: 'emit', change: 0.09, ci: [0.05, 0.12], verdict: 'slower' })];
    expect(one({ kind: 'anyImprovement', metric: 'time', source: 'default' }, slower)).toEqual({
      met: false,
      matched: ['parse/small', 'parse/large', 'render', 'emit'],
      explanation: 'significantly worse: emit 9.0% slower (95% CI 5.0% to 12.0% slower)',
    });
  });

  it('no target: nothing significantly better names the closest benchmark', () => {
    const flat = [
      makeRow({ benchmark: 'a', change: -0.01, ci: [-0.03, 0.01] }),
      makeRow({ benchmark: 'b', change: 0.02, ci: [0, 0.04] }),
    ];
    expect(one({ kind: 'anyImprovement', metric: 'time', source: 'default' }, flat).explanation).toBe(
      'no benchmark is significantly better (closest: a 1.0% faster (95% CI 3.0% faster to 1.0% slower))',
    );
  });

  it('overall target with a single benchmark judges that benchmark; the whole run when nothing was parsed', () => {
    const target: PipelineTarget = { kind: 'overall', improve: 0.03, metric: 'time', source: 'command' };
    expect(
      one(target, [rows[0] as ComparisonRow, rows[3] as ComparisonRow], { confidence: 0.95, geomean: [] }),
    ).toEqual({
      met: true,
      matched: ['parse/small'],
      explanation: 'parse/small 15.0% faster (95% CI 12.0% to 18.0% faster), target 3.0% faster',
    });
    expect(one(target, [rows[3] as ComparisonRow], { confidence: 0.95, geomean: [] }).matched).toEqual(['(whole run)']);
  });

  it('a run that measured nothing explains that', () => {
    expect(one(improve('*', 0.1), [], { confidence: 0.95, geomean: [] }).explanation).toBe(
      'no benchmark measuring time matches *: this run measured no time at all',
    );
  });

  it('says "CI" without a level when the confidence is not given, and caps long lists', () => {
    const many = Array.from({ length: 10 }, (_, index) =>
      makeRow({ benchmark: `b${index}`, change: -0.01, ci: [-0.02, 0] }),
    );
    const [evaluation] = evaluateTargets([improve('b*', 0.1)], many);
    expect(evaluation?.explanation).toMatch(
      /^b\*: 10 of 10 benchmarks not yet 10\.0% faster with confidence: b0 1\.0% faster \(CI 0\.0% to 2\.0% faster\);/,
    );
    expect(evaluation?.explanation.endsWith('; and 2 more')).toBe(true);
  });
});
