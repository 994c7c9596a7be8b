import { BenchOutputError } from '../../domain/errors.ts';
import { describeOutput } from './describe-output.ts';
import type { BenchFormat, ParsedResult } from './parsed-result.ts';
import { getParser, PARSERS } from './parser-registry.ts';

/**
 * Parses a benchmark command's output into the normalized `ParsedResult`.
 *
 * - `auto` tries each parser's `detect` in `PARSERS` order and parses with the first that matches; a matching
 *   format whose content is wrong throws that parser's error. When nothing matches, the error lists the formats
 *   tried and says to set `benchmark.format` in .github/perf.yml.
 * - A named format parses with that parser, whose errors name the format and what is wrong.
 * - `time` throws: there is nothing to parse, because the engine measures the process's wall time itself;
 *   calling this with `time` is a caller bug that should be loud rather than an empty result.
 *
 * @throws BenchOutputError
 */
export function parseBenchOutput(text: string, format: BenchFormat): ParsedResult {
  if (format === 'time') {
    throw new BenchOutputError(
      "Format `time` has no output to parse: Perfbot measures the benchmark command's wall time itself.",
      'time',
    );
  }
  if (format !== 'auto') return getParser(format).parse(text);

  const parser = PARSERS.find((candidate) => candidate.detect(text));
  if (parser !== undefined) return parser.parse(text);
  const tried = PARSERS.map((candidate) => candidate.format).join(', ');
  throw new BenchOutputError(
    `Could not recognise the benchmark output as any known format (tried ${tried}); the output ${describeOutput(text)}. ` +
      `Set \`benchmark.format\` in .github/perf.yml to your tool's format (one of ${tried}, or \`time\` to measure ` +
      "wall time only) to get a precise error, and make the benchmark command print the tool's JSON export " +
      '(log lines around it are fine) or, for Go, the `go test -bench` lines.',
  );
}
