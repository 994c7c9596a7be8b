import { parseFilter, parseRef, parseRuns, quote } from './parse-command-values.ts';
import type { BenchCommand, InvalidPerfCommand } from './perf-command.ts';
import { readCommandArgs, type Token } from './read-command-args.ts';

const BENCH_FLAGS = { '--runs': '--runs 20', '--vs': '--vs main' } as const;

/** The words after `/perf bench`: `[FILTER] [--runs N] [--vs REF]`, in any order. */
export function parseBenchArgs(tokens: readonly Token[]): BenchCommand | InvalidPerfCommand {
  const args = readCommandArgs(tokens, BENCH_FLAGS, '/perf bench', 'positionals');
  if (!args.ok) return invalid(args.error);
  const [filterToken, extra] = args.positionals;
  if (extra !== undefined) {
    const second = quote(extra.text);
    return invalid(
      `expected one FILTER, got a second one: ${second}; a glob like "parse/*" can match several benchmarks`,
    );
  }
  const command: BenchCommand = { kind: 'bench' };
  if (filterToken !== undefined) {
    const filter = parseFilter(filterToken.text);
    if (!filter.ok) return invalid(filter.error);
    command.filter = filter.value;
  }
  const runsText = args.flags.get('--runs');
  if (runsText !== undefined) {
    const runs = parseRuns(runsText);
    if (!runs.ok) return invalid(runs.error);
    command.runs = runs.value;
  }
  const vsText = args.flags.get('--vs');
  if (vsText !== undefined) {
    const vs = parseRef(vsText);
    if (!vs.ok) return invalid(vs.error);
    command.vs = vs.value;
  }
  return command;
}

function invalid(error: string): InvalidPerfCommand {
  return { kind: 'invalid', error };
}
