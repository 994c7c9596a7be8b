import { describe, expect, it } from 'vitest';
import { BenchSnapshot, VerifySnapshot } from '../../../src/pipeline/bench-snapshot.ts';
import { summarizeBaseline, summarizeVerify } from '../../../src/pipeline/verify/summarize-bench-report.ts';
import { makeRow } from '../reports/fixtures/bench-reports.ts';
import { verifyReport } from './fixtures/golden-cases.ts';

describe('summarizeBaseline / summarizeVerify', () => {
  it('keeps the time and memory medians of each side and the headline change', () => {
    const baseline = summarizeBaseline(verifyReport, 'bots/benchmark-before.json');
    expect(baseline.figures.map((figure) => [figure.benchmark, figure.metric, figure.median])).toEqual([
      ['parse', 'time', 12_300_000],
      ['render', 'time', 2_310_000],
      ['(whole run)', 'time', 410_000_000],
      ['(whole run)', 'memory', 75 * 1024 * 1024],
    ]);
    const verify = summarizeVerify(verifyReport, { iteration: 2, reportJsonPath: 'bots/verify-2.json' });
    expect(verify.figures[0]).toEqual({ benchmark: 'parse', metric: 'time', unit: 'ns', median: 8_100_000 });
    expect(verify.primary).toEqual({
      metric: 'time',
      scope: { kind: 'geomean', count: 2 },
      change: -0.19,
      ci: [-0.22, -0.16],
      improvement: 0.19,
    });
    const named = summarizeVerify(verifyReport, { iteration: 2, reportJsonPath: 'x', preferredBenchmark: 'parse' });
    expect(named.primary?.scope).toEqual({ kind: 'benchmark', benchmark: 'parse' });
    expect(VerifySnapshot.parse(JSON.parse(JSON.stringify(verify)))).toEqual(verify);
    expect(BenchSnapshot.parse(JSON.parse(JSON.stringify(baseline)))).toEqual(baseline);
  });

  it('drops medians that are not finite, so the checkpoint stays valid JSON', () => {
    const report = { ...verifyReport, comparisons: [makeRow({ benchmark: 'x', head: { median: Number.NaN, n: 0 } })] };
    expect(summarizeVerify(report, { iteration: 1, reportJsonPath: 'x' }).figures).toEqual([]);
  });
});
