import { describe, expect, it } from 'vitest';
import { vitestBenchParser } from '../../../src/benchmark/parsers/vitest-bench-parser.ts';
import { BenchOutputError } from '../../../src/domain/errors.ts';
import { readFixture } from './read-fixture.ts';

describe('vitestBenchParser', () => {
  it('names benchmarks by group and name, with the median (ms to ns) as the sample when samples is empty', () => {
    const result = vitestBenchParser.parse(readFixture('vitest-bench-groups.json'));

    expect(result.format).toBe('vitest');
    expect(result.benchmarks.map((b) => b.name)).toEqual([
      'sum.bench.ts > sort copy',
      'sum.bench.ts > sum > reduce',
      'sum.bench.ts > sum > for loop',
    ]);
    const sortCopy = result.benchmarks[0]?.metrics.time;
    expect(sortCopy?.unit).toBe('ns');
    expect(sortCopy?.lowerIsBetter).toBe(true);
    expect(sortCopy?.samples).toHaveLength(1);
    expect(sortCopy?.samples[0]).toBeCloseTo(14_770.999999996093, 6);
  });

  it('reads the shared fixture', () => {
    const result = vitestBenchParser.parse(readFixture('vitest-bench.json'));

    expect(result.benchmarks.map((b) => b.name)).toEqual([
      'sum.bench.ts > sum > reduce',
      'sum.bench.ts > sum > for loop',
    ]);
    expect(result.benchmarks[1]?.metrics.time?.samples[0]).toBeCloseTo(735.999999960768, 6);
  });

  it('uses the samples when a vitest version writes them', () => {
    const text = JSON.stringify({
      files: [
        {
          filepath: '/x/a.bench.ts',
          groups: [
            {
              fullName: 'a.bench.ts > g',
              benchmarks: [{ name: 'b', samples: [0.5, 0.25], mean: 0.375, median: 0.375 }],
            },
          ],
        },
      ],
    });

    expect(vitestBenchParser.parse(text).benchmarks[0]?.metrics.time?.samples).toEqual([500_000, 250_000]);
  });

  it('explains what is wrong', () => {
    expect(() => vitestBenchParser.parse('{"files": 3}')).toThrow(
      new BenchOutputError(
        'vitest bench JSON: expected an object with a `files` array (from `vitest bench --outputJson FILE`), found an object whose `files` is the number 3',
        'vitest',
      ),
    );
    expect(() => vitestBenchParser.parse('{"files": [{"filepath": "/x", "groups": []}]}')).toThrow(
      'vitest bench JSON: no benchmarks in 1 file(s); did vitest find any *.bench.ts files?',
    );
  });

  it('detects vitest output only', () => {
    expect(vitestBenchParser.detect(readFixture('vitest-bench.json'))).toBe(true);
    expect(vitestBenchParser.detect(readFixture('hyperfine-two.json'))).toBe(false);
  });
});
