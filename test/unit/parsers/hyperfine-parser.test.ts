import { describe, expect, it } from 'vitest';
import { BenchOutputError } from '../../../src/domain/errors.ts';
import { hyperfineParser } from '../../../src/benchmark/parsers/hyperfine-parser.ts';
import { readFixture } from './read-fixture.ts';
import { thrownBy } from './thrown-by.ts';

describe('hyperfineParser', () => {
  it('makes one benchmark per command with every run time in nanoseconds', () => {
    const result = hyperfineParser.parse(readFixture('hyperfine-two-commands.json'));

    expect(result.format).toBe('hyperfine');
    expect(result.benchmarks.map((b) => b.name)).toEqual(['sleep 0.005', 'sort /etc/services']);
    const time = result.benchmarks[0]?.metrics.time;
    expect(time?.unit).toBe('ns');
    expect(time?.lowerIsBetter).toBe(true);
    expect(time?.samples).toHaveLength(6);
    expect(time?.samples[0]).toBeCloseTo(6_473_528.56, 3);
    expect(result.benchmarks[1]?.metrics.time?.samples[5]).toBeCloseTo(1_094_252.56, 3);
    expect(Object.keys(result.benchmarks[0]?.metrics ?? {})).toEqual(['time']);
  });

  it('reads the shared fixture', () => {
    const result = hyperfineParser.parse(readFixture('hyperfine-two.json'));

    expect(result.benchmarks.map((b) => [b.name, b.metrics.time?.samples.length])).toEqual([
      ['sleep 0.01', 8],
      ['sleep 0.02', 8],
    ]);
    expect(result.benchmarks[1]?.metrics.time?.samples[0]).toBeCloseTo(22_203_334.08, 3);
  });

  it('keeps the substituted command as the name when parameters make commands distinct', () => {
    const result = hyperfineParser.parse(readFixture('hyperfine-parameters.json'));

    expect(result.benchmarks.map((b) => b.name)).toEqual(['seq 100', 'seq 5000']);
  });

  it('appends the parameters when --command-name gives several results the same command', () => {
    const result = hyperfineParser.parse(readFixture('hyperfine-named-parameters.json'));

    expect(result.benchmarks.map((b) => b.name)).toEqual(['seq-count (n=100)', 'seq-count (n=5000)']);
    expect(result.benchmarks[1]?.metrics.time?.samples[2]).toBeCloseTo(958_846.02, 3);
  });

  it('finds the JSON after the human-readable report when exported to /dev/stdout', () => {
    const text = readFixture('hyperfine-stdout-with-log.txt');

    expect(hyperfineParser.detect(text)).toBe(true);
    const result = hyperfineParser.parse(text);
    expect(result.benchmarks.map((b) => b.name)).toEqual(['sleep 0.001']);
    expect(result.benchmarks[0]?.metrics.time?.samples[2]).toBeCloseTo(2_249_756.08, 3);
  });

  it('adds a memory metric in bytes from memory_usage_byte (newer hyperfine versions)', () => {
    const text = JSON.stringify({
      results: [
        { command: 'app', mean: 0.2, times: [0.1, 0.3], memory_usage_byte: [1_048_576, 2_097_152], exit_codes: [0, 0] },
      ],
    });

    const [benchmark] = hyperfineParser.parse(text).benchmarks;

    expect(benchmark?.metrics.memory).toEqual({ unit: 'B', lowerIsBetter: true, samples: [1_048_576, 2_097_152] });
  });

  it('falls back to the mean as the one sample when there are no times', () => {
    const [benchmark] = hyperfineParser.parse('{"results":[{"command":"old","mean":0.5}]}').benchmarks;

    expect(benchmark?.metrics.time?.samples).toEqual([500_000_000]);
  });

  it('explains what it expected when the JSON is not a hyperfine export', () => {
    expect(() => hyperfineParser.parse('{"benchmarks": []}')).toThrow(
      new BenchOutputError(
        'hyperfine JSON: expected an object with a `results` array (from `hyperfine --export-json FILE`), found an object with keys `benchmarks`',
        'hyperfine',
      ),
    );
    const wrongTimes = thrownBy(() => hyperfineParser.parse('{"results":[{"command":"x","mean":1,"times":"fast"}]}'));
    expect(wrongTimes).toBeInstanceOf(BenchOutputError);
    expect(wrongTimes).toHaveProperty('format', 'hyperfine');
    expect((wrongTimes as Error).message).toMatch(
      /^hyperfine JSON: at `results\[0\]\.times`: .*expected array, received string$/,
    );
    expect(() => hyperfineParser.parse('{"results":[]}')).toThrow(
      'hyperfine JSON: `results` is empty, hyperfine ran no commands',
    );
    expect(() => hyperfineParser.parse('Benchmark 1: sleep 1\n  Time (mean ± σ): 1.0 s')).toThrow(
      'hyperfine JSON: no JSON object or array found; the output has 2 non-empty lines and starts with `Benchmark 1: sleep 1`',
    );
  });

  it('detects only hyperfine exports', () => {
    expect(hyperfineParser.detect(readFixture('hyperfine-two.json'))).toBe(true);
    expect(hyperfineParser.detect(readFixture('gbench-single.json'))).toBe(false);
    expect(hyperfineParser.detect(readFixture('gotest-bench.txt'))).toBe(false);
  });
});
