import { describe, expect, it } from 'vitest';
import { parseBenchOutput } from '../../../src/benchmark/parsers/parse-bench-output.ts';
import type { ConcreteBenchFormat } from '../../../src/benchmark/parsers/parsed-result.ts';
import { getParser, PARSERS } from '../../../src/benchmark/parsers/parser-registry.ts';
import { BenchOutputError } from '../../../src/domain/errors.ts';
import { readFixture } from './read-fixture.ts';
import { thrownBy } from './thrown-by.ts';

/** Every fixture in test/fixtures/bench-outputs/, with the format `auto` must pick and its benchmark count. */
const FIXTURES: [file: string, format: ConcreteBenchFormat, benchmarks: number][] = [
  ['hyperfine-two.json', 'hyperfine', 2],
  ['hyperfine-two-commands.json', 'hyperfine', 2],
  ['hyperfine-parameters.json', 'hyperfine', 2],
  ['hyperfine-named-parameters.json', 'hyperfine', 2],
  ['hyperfine-stdout-with-log.txt', 'hyperfine', 1],
  ['gbench-single.json', 'google-benchmark', 3],
  ['gbench-repetitions.json', 'google-benchmark', 5],
  ['gbench-aggregates-only.json', 'google-benchmark', 1],
  ['gotest-bench.txt', 'go', 3],
  ['gotest-two-packages.txt', 'go', 10],
  ['pytest-benchmark.json', 'pytest-benchmark', 2],
  ['pytest-benchmark-groups.json', 'pytest-benchmark', 4],
  ['pytest-benchmark-saved-no-data.json', 'pytest-benchmark', 4],
  ['vitest-bench.json', 'vitest', 2],
  ['vitest-bench-groups.json', 'vitest', 3],
  ['bmf-custom-harness.txt', 'bmf', 2],
  ['bmf-iterations.txt', 'bmf', 2],
  ['github-action-benchmark-custom.json', 'bmf', 2],
];

describe('parseBenchOutput', () => {
  it.each(FIXTURES)('auto-detects %s as %s', (file, format, benchmarks) => {
    const text = readFixture(file);

    const detected = parseBenchOutput(text, 'auto');

    expect(detected.format).toBe(format);
    expect(detected.benchmarks).toHaveLength(benchmarks);
    expect(detected).toEqual(parseBenchOutput(text, format));
    expect(new Set(detected.benchmarks.map((b) => b.name)).size).toBe(benchmarks);
  });

  it.each(FIXTURES)('only the %s parser detects it (%s)', (file, format) => {
    const text = readFixture(file);

    expect(PARSERS.filter((parser) => parser.detect(text)).map((parser) => parser.format)).toEqual([format]);
  });

  it('lists the formats tried and how to fix it when nothing matches', () => {
    const error = thrownBy(() => parseBenchOutput('Running benchmarks…\nsort: 12ms\nsum: 3ms\n', 'auto'));

    expect(error).toBeInstanceOf(BenchOutputError);
    expect(error).toHaveProperty('format', undefined);
    expect((error as Error).message).toBe(
      'Could not recognise the benchmark output as any known format (tried hyperfine, google-benchmark, ' +
        'pytest-benchmark, vitest, go, bmf); the output has 3 non-empty lines and starts with `Running benchmarks…`. ' +
        "Set `benchmark.format` in .github/perf.yml to your tool's format (one of hyperfine, google-benchmark, " +
        'pytest-benchmark, vitest, go, bmf, or `time` to measure wall time only) to get a precise error, and make the ' +
        "benchmark command print the tool's JSON export (log lines around it are fine) or, for Go, the `go test -bench` lines.",
    );
  });

  it("reports the detected format's own error when its content is wrong", () => {
    expect(() => parseBenchOutput('{"results":[{"command":"x","times":[0.1]}]}', 'auto')).toThrow(
      new BenchOutputError(
        'hyperfine JSON: at `results[0].mean`: Invalid input: expected number, received undefined',
        'hyperfine',
      ),
    );
  });

  it('says the output is empty', () => {
    expect(() => parseBenchOutput('\n\n', 'auto')).toThrow('; the output is empty.');
  });

  it('does not recognise JSON of another shape', () => {
    expect(() => parseBenchOutput('{"status": "ok", "count": 3}', 'auto')).toThrow(
      /^Could not recognise .* starts with `\{"status": "ok", "count": 3\}`/,
    );
  });

  it("reports a named format's own error for output in another format", () => {
    const error = thrownBy(() => parseBenchOutput(readFixture('gotest-bench.txt'), 'hyperfine'));

    expect(error).toEqual(
      new BenchOutputError(
        'hyperfine JSON: no JSON object or array found; the output has 15 non-empty lines and starts with `goos: linux`',
        'hyperfine',
      ),
    );
    expect(() => parseBenchOutput(readFixture('hyperfine-two.json'), 'go')).toThrow(
      /^go: no lines of the form `BenchmarkX-8 {2}N {2}T ns\/op` found; the output has 64 non-empty lines and starts with `\{`/,
    );
  });

  it('refuses `time`, which the engine measures itself', () => {
    expect(() => parseBenchOutput('anything', 'time')).toThrow(
      new BenchOutputError(
        "Format `time` has no output to parse: Perfbot measures the benchmark command's wall time itself.",
        'time',
      ),
    );
  });
});

describe('parser registry', () => {
  it('has one parser for every parsed format, in detection order', () => {
    expect(PARSERS.map((parser) => parser.format)).toEqual([
      'hyperfine',
      'google-benchmark',
      'pytest-benchmark',
      'vitest',
      'go',
      'bmf',
    ]);
    expect(getParser('go').format).toBe('go');
    expect(getParser('pytest-benchmark').format).toBe('pytest-benchmark');
  });
});
