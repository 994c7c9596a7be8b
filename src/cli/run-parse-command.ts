import { readFile } from 'node:fs/promises';
import { UsageError } from '../domain/errors.ts';
import { parseBenchOutput } from '../benchmark/parsers/parse-bench-output.ts';
import { BENCH_FORMATS, type BenchFormat } from '../benchmark/parsers/parsed-result.ts';
import type { CliIo } from './cli-io.ts';
import { parseCliOptions } from './parse-cli-options.ts';

/** `perfbot parse FILE [--format F]`: prints the normalized JSON of one benchmark output. */
export async function runParseCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliOptions('parse', args, { format: { type: 'string' } }, true);
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0)
    throw new UsageError('parse: expected exactly one FILE, e.g. "perfbot parse results.json"');
  const format = (values.format ?? 'auto') as BenchFormat;
  if (!BENCH_FORMATS.includes(format) || format === 'time') {
    throw new UsageError(
      `parse: unknown --format "${values.format}"; use one of ${BENCH_FORMATS.filter((f) => f !== 'time').join(', ')}`,
    );
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`parse: cannot read "${file}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  io.stdout(`${JSON.stringify(parseBenchOutput(text, format), null, 2)}\n`);
  return 0;
}
