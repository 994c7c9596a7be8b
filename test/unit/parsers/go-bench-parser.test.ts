import { describe, expect, it } from 'vitest';
import { goBenchParser } from '../../../src/benchmark/parsers/go-bench-parser.ts';
import { BenchOutputError } from '../../../src/domain/errors.ts';
import { readFixture } from './read-fixture.ts';

describe('goBenchParser', () => {
  const twoPackages = goBenchParser.parse(readFixture('gotest-two-packages.txt'));
  const byName = (name: string) => twoPackages.benchmarks.find((b) => b.name === name);

  it('prefixes names with their package and keeps -cpu variants apart', () => {
    expect(twoPackages.format).toBe('go');
    expect(twoPackages.benchmarks.map((b) => b.name)).toEqual([
      'example.com/perfdemo/mathx.BenchmarkFib',
      'example.com/perfdemo/mathx.BenchmarkFib-2',
      'example.com/perfdemo/mathx.BenchmarkSum',
      'example.com/perfdemo/mathx.BenchmarkSum-2',
      'example.com/perfdemo/strs.BenchmarkJoin',
      'example.com/perfdemo/strs.BenchmarkJoin-2',
      'example.com/perfdemo/strs.BenchmarkRepeat/n=8',
      'example.com/perfdemo/strs.BenchmarkRepeat/n=8-2',
      'example.com/perfdemo/strs.BenchmarkRepeat/n=64',
      'example.com/perfdemo/strs.BenchmarkRepeat/n=64-2',
    ]);
  });

  it('turns -count repetitions into samples of ns/op, B/op and allocs/op', () => {
    const join = byName('example.com/perfdemo/strs.BenchmarkJoin-2');

    expect(join?.metrics.time).toEqual({ unit: 'ns', lowerIsBetter: true, samples: [67.87, 64.59, 70.12] });
    expect(join?.metrics.bytes).toEqual({ unit: 'B', lowerIsBetter: true, samples: [24, 24, 24] });
    expect(join?.metrics.allocs).toEqual({ unit: 'allocs/op', lowerIsBetter: true, samples: [1, 1, 1] });
  });

  it('reads MB/s from SetBytes as bigger-is-better throughput', () => {
    expect(byName('example.com/perfdemo/strs.BenchmarkJoin')?.metrics.throughput).toEqual({
      unit: 'MB/s',
      lowerIsBetter: false,
      samples: [278.97, 276.19, 269.6],
    });
    expect(byName('example.com/perfdemo/strs.BenchmarkRepeat/n=8')?.metrics.throughput).toBeUndefined();
  });

  it('names b.ReportMetric metrics by their unit, bigger-is-better only for rates', () => {
    const fib = byName('example.com/perfdemo/mathx.BenchmarkFib');
    const sum = byName('example.com/perfdemo/mathx.BenchmarkSum-2');

    expect(Object.keys(fib?.metrics ?? {})).toEqual(['time', 'calls/op', 'bytes', 'allocs']);
    expect(fib?.metrics['calls/op']).toEqual({ unit: 'calls/op', lowerIsBetter: true, samples: [1973, 1973, 1973] });
    expect(sum?.metrics['sums/s']).toEqual({
      unit: 'sums/s',
      lowerIsBetter: false,
      samples: [1776119, 950635, 1010473],
    });
    expect(sum?.metrics.time?.samples).toEqual([563.1, 1052, 990.2]);
  });

  it('reads the shared single-package fixture', () => {
    const result = goBenchParser.parse(readFixture('gotest-bench.txt'));

    expect(result.benchmarks.map((b) => [b.name, b.metrics.time?.samples])).toEqual([
      ['example.com/gob.BenchmarkFib15-2', [4533, 3975, 4534]],
      ['example.com/gob.BenchmarkFib20-2', [45819, 44075, 43788]],
      ['example.com/gob.BenchmarkConcat-2', [7464, 7163, 7386]],
    ]);
    expect(result.benchmarks[2]?.metrics.bytes?.samples).toEqual([5664, 5664, 5664]);
  });

  it('keeps bare names when there is no pkg: line and ignores log lines', () => {
    const text = [
      'BenchmarkParse-8   \t  1000\t  1234 ns/op',
      '--- BENCH: BenchmarkParse-8',
      '    parse_test.go:12: BenchmarkParse is warming up',
      'BenchmarkParse-8   \t  1000\t  1250.5 ns/op',
    ].join('\n');

    expect(goBenchParser.parse(text).benchmarks).toEqual([
      { name: 'BenchmarkParse-8', metrics: { time: { unit: 'ns', lowerIsBetter: true, samples: [1234, 1250.5] } } },
    ]);
  });

  it('says what lines it looked for, and points at FAIL when the run failed', () => {
    expect(() => goBenchParser.parse('PASS\nok  \texample.com/x\t0.01s\n')).toThrow(
      new BenchOutputError(
        "go: no lines of the form `BenchmarkX-8  N  T ns/op` found; the output has 2 non-empty lines and starts with `PASS`. Run benchmarks with `go test -run '^$' -bench .` and let them print to stdout.",
        'go',
      ),
    );
    expect(() => goBenchParser.parse('--- FAIL: TestX (0.00s)\nFAIL\texample.com/x\t0.01s\n')).toThrow(
      '; it contains `FAIL`, so a test or benchmark failed.',
    );
  });

  it('detects go test output, not JSON that mentions benchmarks', () => {
    expect(goBenchParser.detect(readFixture('gotest-bench.txt'))).toBe(true);
    expect(goBenchParser.detect('{"BenchmarkX-8": {"latency": {"value": 1}}}')).toBe(false);
    expect(goBenchParser.detect('BenchmarkX-8 is running')).toBe(false);
  });
});
