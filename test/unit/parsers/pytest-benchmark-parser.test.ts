import { describe, expect, it } from 'vitest';
import { pytestBenchmarkParser } from '../../../src/benchmark/parsers/pytest-benchmark-parser.ts';
import { BenchOutputError } from '../../../src/domain/errors.ts';
import { readFixture } from './read-fixture.ts';

describe('pytestBenchmarkParser', () => {
  it('names benchmarks by fullname, parameters included, and ignores groups', () => {
    const result = pytestBenchmarkParser.parse(readFixture('pytest-benchmark-groups.json'));

    expect(result.format).toBe('pytest-benchmark');
    expect(result.benchmarks.map((b) => [b.name, b.metrics.time?.samples.length])).toEqual([
      ['test_bench.py::test_fib[10]', 132],
      ['test_bench.py::test_fib[15]', 28],
      ['test_bench.py::test_sorted', 274],
      ['test_bench.py::test_join', 5],
    ]);
  });

  it('takes every round of stats.data as a sample, seconds to nanoseconds, per iteration', () => {
    const result = pytestBenchmarkParser.parse(readFixture('pytest-benchmark-groups.json'));
    const fib15 = result.benchmarks[1]?.metrics.time;
    // test_join ran with pedantic(iterations=100): pytest-benchmark already divides each round by 100.
    const join = result.benchmarks[3]?.metrics.time;

    expect(fib15?.unit).toBe('ns');
    expect(fib15?.lowerIsBetter).toBe(true);
    expect(fib15?.samples[0]).toBeCloseTo(71_096.00005605898, 6);
    expect(fib15?.samples[27]).toBeCloseTo(72_638.00000600895, 6);
    expect(join?.samples[0]).toBeCloseTo(87.23000064492225, 9);
  });

  it('reads the large shared fixture', () => {
    const result = pytestBenchmarkParser.parse(readFixture('pytest-benchmark.json'));

    expect(result.benchmarks.map((b) => [b.name, b.metrics.time?.samples.length])).toEqual([
      ['test_bench.py::test_fib15', 1448],
      ['test_bench.py::test_sorted', 7513],
    ]);
    expect(result.benchmarks[0]?.metrics.time?.samples[0]).toBeCloseTo(120_727.00064891251, 6);
    expect(result.benchmarks[1]?.metrics.time?.samples[7512]).toBeCloseTo(18_490.999536879826, 6);
  });

  it('uses the median as the one sample when the file was saved without data', () => {
    const result = pytestBenchmarkParser.parse(readFixture('pytest-benchmark-saved-no-data.json'));

    expect(result.benchmarks.map((b) => b.metrics.time?.samples.length)).toEqual([1, 1, 1, 1]);
    expect(result.benchmarks[0]?.metrics.time?.samples[0]).toBeCloseTo(6_520.000056298159, 6);
  });

  it('explains what is wrong', () => {
    expect(() => pytestBenchmarkParser.parse('{"machine_info": {}, "benchmarks": []}')).toThrow(
      new BenchOutputError(
        'pytest-benchmark JSON: `benchmarks` is empty; did pytest collect any benchmark tests?',
        'pytest-benchmark',
      ),
    );
    expect(() => pytestBenchmarkParser.parse('[]')).toThrow(
      'pytest-benchmark JSON: expected an object with a `benchmarks` array (from `pytest --benchmark-json=FILE`), found an empty array',
    );
    expect(() => pytestBenchmarkParser.parse('{"benchmarks":[{"name":"test_x","stats":{}}]}')).toThrow(
      'pytest-benchmark JSON: at `benchmarks[0].stats.median`: Invalid input: expected number, received undefined',
    );
  });

  it('detects pytest-benchmark but not Google Benchmark', () => {
    expect(pytestBenchmarkParser.detect(readFixture('pytest-benchmark-saved-no-data.json'))).toBe(true);
    expect(pytestBenchmarkParser.detect(readFixture('gbench-repetitions.json'))).toBe(false);
  });
});
