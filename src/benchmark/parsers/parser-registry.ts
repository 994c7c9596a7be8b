import { BenchOutputError } from '../../domain/errors.ts';
import { bmfParser } from './bmf-parser.ts';
import { goBenchParser } from './go-bench-parser.ts';
import { googleBenchmarkParser } from './google-benchmark-parser.ts';
import { hyperfineParser } from './hyperfine-parser.ts';
import type { BenchParser } from './parsed-result.ts';
import { pytestBenchmarkParser } from './pytest-benchmark-parser.ts';
import { vitestBenchParser } from './vitest-bench-parser.ts';

/** A format that has a parser (every concrete format except `time`). */
export type ParsedFormat = BenchParser['format'];

/**
 * Every parser, in the order `auto` tries them: JSON formats with a distinctive top-level key first
 * (`results`, `context`+`benchmarks`, `machine_info`+`benchmarks`, `files`), then Go's text lines, and BMF last
 * because its shape (any object of objects with a `value`) is the loosest.
 */
export const PARSERS: readonly BenchParser[] = [
  hyperfineParser,
  googleBenchmarkParser,
  pytestBenchmarkParser,
  vitestBenchParser,
  goBenchParser,
  bmfParser,
];

/** The parser of a named format. */
export function getParser(format: ParsedFormat): BenchParser {
  const parser = PARSERS.find((candidate) => candidate.format === format);
  if (parser === undefined) throw new BenchOutputError(`No parser for benchmark format \`${format}\``, format);
  return parser;
}
