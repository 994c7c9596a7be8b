import { describe, expect, it } from 'vitest';
import { bmfParser } from '../../../src/benchmark/parsers/bmf-parser.ts';
import { BenchOutputError } from '../../../src/domain/errors.ts';
import { readFixture } from './read-fixture.ts';
import { thrownBy } from './thrown-by.ts';

describe('bmfParser', () => {
  it('maps latency to time in ns and throughput to bigger-is-better ops/s, after a log line', () => {
    const result = bmfParser.parse(readFixture('bmf-custom-harness.txt'));

    expect(result.format).toBe('bmf');
    expect(result.benchmarks).toEqual([
      {
        name: 'sort',
        metrics: {
          time: { unit: 'ns', lowerIsBetter: true, samples: [8222.575] },
          throughput: { unit: 'ops/s', lowerIsBetter: false, samples: [121616.40362052033] },
        },
      },
      {
        name: 'sum',
        metrics: {
          time: { unit: 'ns', lowerIsBetter: true, samples: [7761.24] },
          throughput: { unit: 'ops/s', lowerIsBetter: false, samples: [128845.39068499363] },
        },
      },
    ]);
  });

  it('treats an array of BMF objects as iterations', () => {
    const result = bmfParser.parse(readFixture('bmf-iterations.txt'));

    expect(result.benchmarks.map((b) => b.name)).toEqual(['sort', 'sum']);
    expect(result.benchmarks[0]?.metrics.time?.samples).toEqual([8849.355, 11014.31, 8825.82]);
    expect(result.benchmarks[1]?.metrics.throughput?.samples).toEqual([
      116560.23745651575, 91419.37725120217, 121643.10642433737,
    ]);
  });

  it('converts build-time seconds to ns and keeps other measures lower-is-better unless they read as rates', () => {
    const text = JSON.stringify({
      build: { 'build-time': { value: 87 } },
      binary: { 'file-size': { value: 42 } },
      server: { 'requests-per-second': { value: 900 }, 'cache-misses': { value: 12 } },
    });

    expect(bmfParser.parse(text).benchmarks).toEqual([
      { name: 'build', metrics: { 'build-time': { unit: 'ns', lowerIsBetter: true, samples: [87e9] } } },
      { name: 'binary', metrics: { 'file-size': { unit: 'B', lowerIsBetter: true, samples: [42] } } },
      {
        name: 'server',
        metrics: {
          'requests-per-second': { unit: '', lowerIsBetter: false, samples: [900] },
          'cache-misses': { unit: '', lowerIsBetter: true, samples: [12] },
        },
      },
    ]);
  });

  it('reads github-action-benchmark custom arrays: time units to ns, ops/s bigger-is-better, repeats as samples', () => {
    const result = bmfParser.parse(readFixture('github-action-benchmark-custom.json'));

    expect(result.benchmarks).toEqual([
      {
        name: 'sort',
        metrics: {
          time: { unit: 'ns', lowerIsBetter: true, samples: [11079.4, 10076.7, 10142.8] },
          'ops/s': { unit: 'ops/s', lowerIsBetter: false, samples: [90257.9, 99238.6, 98592.4] },
        },
      },
      { name: 'sum', metrics: { time: { unit: 'ns', lowerIsBetter: true, samples: [8875, 8766.2, 9274.8] } } },
    ]);
  });

  it('defaults custom units to lower-is-better and converts ms', () => {
    const text = JSON.stringify([
      { name: 'heap', unit: 'MiB', value: 12 },
      { name: 'startup', unit: 'ms', value: 1.5 },
    ]);

    expect(bmfParser.parse(text).benchmarks).toEqual([
      { name: 'heap', metrics: { MiB: { unit: 'MiB', lowerIsBetter: true, samples: [12] } } },
      { name: 'startup', metrics: { time: { unit: 'ns', lowerIsBetter: true, samples: [1_500_000] } } },
    ]);
  });

  it('explains the accepted shapes when the JSON is something else', () => {
    const scalarMeasure = thrownBy(() => bmfParser.parse('{"sort": {"latency": 12}}'));
    expect(scalarMeasure).toBeInstanceOf(BenchOutputError);
    expect(scalarMeasure).toHaveProperty('format', 'bmf');
    expect((scalarMeasure as Error).message).toBe(
      'bmf: at `sort.latency`: Invalid input: expected object, received number; expected Bencher Metric Format ' +
        '`{ "<benchmark>": { "<measure>": { "value": n } } }`, an array of such objects, or a github-action-benchmark ' +
        'array `[{ "name": …, "unit": …, "value": n }]`',
    );
    expect(() => bmfParser.parse('[{"name": "x", "unit": "ns", "value": "fast"}]')).toThrow(
      'bmf: item [0]: at `value`: Invalid input: expected number, received string',
    );
    expect(() => bmfParser.parse('{}')).toThrow(/^bmf: expected Bencher Metric Format .*, found an empty object$/);
  });

  it('detects BMF and custom arrays but not other JSON', () => {
    expect(bmfParser.detect(readFixture('bmf-iterations.txt'))).toBe(true);
    expect(bmfParser.detect(readFixture('github-action-benchmark-custom.json'))).toBe(true);
    expect(bmfParser.detect(readFixture('hyperfine-two.json'))).toBe(false);
    expect(bmfParser.detect('{}')).toBe(false);
    expect(bmfParser.detect('[]')).toBe(false);
  });
});
