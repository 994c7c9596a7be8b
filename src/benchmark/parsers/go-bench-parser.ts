import { BenchOutputError } from '../../domain/errors.ts';
import { createBenchmarkCollector } from './create-benchmark-collector.ts';
import type { MetricSpec } from './create-benchmark-collector.ts';
import { describeOutput } from './describe-output.ts';
import { isBiggerBetterUnit } from './is-bigger-better-unit.ts';
import type { BenchParser } from './parsed-result.ts';

/** `BenchmarkName-8  <iterations>  <value> <unit>  <value> <unit> …` (Go's benchmark data format). */
const RESULT_LINE = /^(Benchmark\S*)\s+(\d+)\s+(.+)$/;
const DETECT_LINE = /^Benchmark\S*\s+\d+\s+[-+]?[\d.]+(?:[eE][-+]?\d+)?\s+\S/m;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const PACKAGE_LINE = /^pkg:\s+(\S+)/;

/** Go's built-in units; any other unit comes from `b.ReportMetric` and names its own metric. */
const BUILT_IN_UNITS: Record<string, { metric: string } & MetricSpec> = {
  'ns/op': { metric: 'time', unit: 'ns', lowerIsBetter: true },
  'B/op': { metric: 'bytes', unit: 'B', lowerIsBetter: true },
  'allocs/op': { metric: 'allocs', unit: 'allocs/op', lowerIsBetter: true },
  'MB/s': { metric: 'throughput', unit: 'MB/s', lowerIsBetter: false },
};

/**
 * `go test -bench` text output. Each result line is one sample, so `-count N` gives N samples; `-cpu` suffixes
 * (`BenchmarkX` vs `BenchmarkX-2`) are distinct benchmarks. Names are prefixed with the package from the
 * preceding `pkg:` line (`example.com/m/strs.BenchmarkJoin-2`) always, not only when several packages appear,
 * so a benchmark keeps its name when a PR adds benchmarks in another package. Output without `pkg:` lines
 * keeps bare names. Metrics: `ns/op` → `time` (ns), `B/op` → `bytes`, `allocs/op` → `allocs`,
 * `MB/s` → `throughput` (bigger is better), and each `b.ReportMetric` unit (e.g. `calls/op`) → a metric named by
 * that unit, lower is better unless the unit ends in `/s`.
 */
export const goBenchParser: BenchParser = {
  format: 'go',
  detect(text) {
    return DETECT_LINE.test(text);
  },
  parse(text) {
    const collector = createBenchmarkCollector();
    let pkg: string | undefined;
    for (const line of text.split(/\r?\n/)) {
      const pkgMatch = PACKAGE_LINE.exec(line);
      if (pkgMatch) pkg = pkgMatch[1];
      const result = RESULT_LINE.exec(line.trimEnd());
      if (!result) continue;
      const [, benchmark = '', , values = ''] = result;
      const name = pkg === undefined ? benchmark : `${pkg}.${benchmark}`;
      for (const [value, unit] of valueUnitPairs(values)) {
        const builtIn = BUILT_IN_UNITS[unit];
        const metric = builtIn?.metric ?? unit;
        collector.add(name, metric, builtIn ?? { unit, lowerIsBetter: !isBiggerBetterUnit(unit) }, value);
      }
    }
    const benchmarks = collector.benchmarks();
    if (benchmarks.length === 0) {
      const failed = /^(FAIL|--- FAIL)/m.test(text) ? '; it contains `FAIL`, so a test or benchmark failed' : '';
      throw new BenchOutputError(
        `go: no lines of the form \`BenchmarkX-8  N  T ns/op\` found; the output ${describeOutput(text)}${failed}. ` +
          "Run benchmarks with `go test -run '^$' -bench .` and let them print to stdout.",
        'go',
      );
    }
    return { format: 'go', benchmarks };
  },
};

/** Reads `<value> <unit>` pairs until something else appears (Go stops at the first malformed pair too). */
function valueUnitPairs(values: string): [number, string][] {
  const fields = values.trim().split(/\s+/);
  const pairs: [number, string][] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i] ?? '';
    const unit = fields[i + 1] ?? '';
    if (!NUMBER.test(value)) break;
    pairs.push([Number(value), unit]);
  }
  return pairs;
}
