import { describe, expect, it } from 'vitest';
import { googleBenchmarkParser } from '../../../src/benchmark/parsers/google-benchmark-parser.ts';
import { BenchOutputError } from '../../../src/domain/errors.ts';
import { readFixture } from './read-fixture.ts';
import { thrownBy } from './thrown-by.ts';

describe('googleBenchmarkParser', () => {
  const repetitions = googleBenchmarkParser.parse(readFixture('gbench-repetitions.json'));
  const byName = (name: string) => repetitions.benchmarks.find((b) => b.name === name);

  it('turns each repetition into a sample and skips aggregate, BigO/RMS and errored rows', () => {
    expect(repetitions.format).toBe('google-benchmark');
    expect(repetitions.benchmarks.map((b) => b.name)).toEqual([
      'BM_StringCopy/64',
      'BM_StringCopy/4096',
      'BM_Sort/1000',
      'BM_Find/256',
      'BM_Find/4096',
    ]);
    expect(byName('BM_StringCopy/64')?.metrics.time).toEqual({
      unit: 'ns',
      lowerIsBetter: true,
      samples: [18.031864566884728, 18.359950003828306, 18.37876508529725],
    });
  });

  it('converts microsecond rows to nanoseconds for real and CPU time', () => {
    const sort = byName('BM_Sort/1000');

    expect(sort?.metrics.time?.samples).toHaveLength(3);
    expect(sort?.metrics.time?.samples[0]).toBeCloseTo(7243.676537816342, 6);
    expect(sort?.metrics.cpu_time?.unit).toBe('ns');
    expect(sort?.metrics.cpu_time?.samples[2]).toBeCloseTo(7231.739609310066, 6);
  });

  it('reports counters: byte and item rates are bigger-is-better, user counters lower-is-better', () => {
    expect(byName('BM_StringCopy/64')?.metrics.bytes_per_second).toEqual({
      unit: 'B/s',
      lowerIsBetter: false,
      samples: [3549163187.274446, 3485755661.674594, 3483336998.8107457],
    });
    const sort = byName('BM_Sort/1000');
    expect(sort?.metrics.items_per_second?.unit).toBe('items/s');
    expect(sort?.metrics.items_per_second?.lowerIsBetter).toBe(false);
    expect(sort?.metrics.items_per_second?.samples[1]).toBe(135291865.84225792);
    expect(sort?.metrics.swaps).toEqual({ unit: '', lowerIsBetter: true, samples: [500, 500, 500] });
    expect(Object.keys(byName('BM_Find/256')?.metrics ?? {})).toEqual(['time', 'cpu_time']);
  });

  it('reads the shared single-repetition fixture', () => {
    const result = googleBenchmarkParser.parse(readFixture('gbench-single.json'));

    expect(result.benchmarks.map((b) => [b.name, b.metrics.time?.samples])).toEqual([
      ['BM_StringCopy/64', [18.869548093306932]],
      ['BM_StringCopy/4096', [59.63043757643493]],
      ['BM_Sort/1000', [9151.608207884121]],
    ]);
  });

  it('uses the median aggregate as one sample when only aggregates were reported', () => {
    const [sort, ...rest] = googleBenchmarkParser.parse(readFixture('gbench-aggregates-only.json')).benchmarks;

    expect(rest).toEqual([]);
    expect(sort?.name).toBe('BM_Sort/1000');
    expect(sort?.metrics.time?.samples).toHaveLength(1);
    expect(sort?.metrics.time?.samples[0]).toBeCloseTo(7244.184112534172, 6);
    expect(sort?.metrics.items_per_second?.samples).toEqual([138061849.82372266]);
  });

  it('says which benchmarks failed when none succeeded', () => {
    const text = JSON.stringify({
      benchmarks: [
        {
          name: 'BM_Skipped',
          run_name: 'BM_Skipped',
          run_type: 'iteration',
          error_occurred: true,
          error_message: 'no input file',
          real_time: 0,
          cpu_time: 0,
          time_unit: 'ns',
        },
      ],
    });

    const error = thrownBy(() => googleBenchmarkParser.parse(text));

    expect(error).toEqual(
      new BenchOutputError(
        'google-benchmark JSON: no successful benchmark runs in 1 rows (failed: BM_Skipped: no input file)',
        'google-benchmark',
      ),
    );
  });

  it('names the bad field and rejects unknown time units', () => {
    const badType = thrownBy(() => googleBenchmarkParser.parse('{"benchmarks":[{"name":"BM_X","real_time":"1"}]}'));
    expect(badType).toBeInstanceOf(BenchOutputError);
    expect((badType as Error).message).toBe(
      'google-benchmark JSON: at `benchmarks[0].real_time`: Invalid input: expected number, received string',
    );
    expect(() =>
      googleBenchmarkParser.parse('{"benchmarks":[{"name":"BM_X","real_time":1,"time_unit":"fortnight"}]}'),
    ).toThrow('google-benchmark JSON: BM_X has unknown time_unit "fortnight"');
    expect(() => googleBenchmarkParser.parse('{"context":{},"benchmarks":{}}')).toThrow(
      'google-benchmark JSON: expected an object with a `benchmarks` array (from `--benchmark_format=json`), found an object whose `benchmarks` is an empty object',
    );
  });

  it('detects Google Benchmark output but not pytest-benchmark, which also has a `benchmarks` array', () => {
    expect(googleBenchmarkParser.detect(readFixture('gbench-single.json'))).toBe(true);
    expect(googleBenchmarkParser.detect(readFixture('gbench-aggregates-only.json'))).toBe(true);
    expect(googleBenchmarkParser.detect(readFixture('pytest-benchmark.json'))).toBe(false);
  });
});
