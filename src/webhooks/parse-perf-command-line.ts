import { suggestClosest } from '../config/suggest-closest.ts';
import { parseAckArgs } from './parse-ack-args.ts';
import { parseBenchArgs } from './parse-bench-args.ts';
import { quote } from './parse-command-values.ts';
import { parseOptimizeArgs } from './parse-optimize-args.ts';
import { PERF_SUBCOMMANDS, type InvalidPerfCommand, type PerfCommand, type PerfSubcommand } from './perf-command.ts';
import type { Token } from './read-command-args.ts';

/**
 * Parses one command line that starts with `/perf` (as found by `findPerfCommandLine`). The subcommand is
 * case-insensitive (`/perf Bench` works, phones capitalize); flags are lowercase. Bare `/perf` means help.
 */
export function parsePerfCommandLine(line: string): PerfCommand | InvalidPerfCommand {
  const tokens: Token[] = Array.from(line.matchAll(/\S+/g), (match) => ({ text: match[0], start: match.index }));
  const word = tokens[1]?.text;
  if (word === undefined) return { kind: 'help' };
  const subcommand = word.toLowerCase();
  const args = tokens.slice(2);
  if (!isSubcommand(subcommand)) return { kind: 'invalid', error: unknownSubcommand(word) };
  switch (subcommand) {
    case 'bench':
      return parseBenchArgs(args);
    case 'optimize':
      return parseOptimizeArgs(line, args);
    case 'ack':
      return parseAckArgs(line, args);
    case 'calibrate':
    case 'status':
    case 'cancel':
    case 'help': {
      const extra = args[0];
      if (extra === undefined) return { kind: subcommand };
      return { kind: 'invalid', error: `/perf ${subcommand} takes no arguments, got ${quote(extra.text)}` };
    }
  }
}

function isSubcommand(word: string): word is PerfSubcommand {
  return (PERF_SUBCOMMANDS as readonly string[]).includes(word);
}

function unknownSubcommand(word: string): string {
  const suggestion = suggestClosest(word, PERF_SUBCOMMANDS);
  const didYouMean = suggestion === undefined ? '' : ` (did you mean ${quote(suggestion)}?)`;
  const expected = `${PERF_SUBCOMMANDS.slice(0, -1).join(', ')} or ${PERF_SUBCOMMANDS.at(-1)}`;
  return `unknown subcommand ${quote(word)}${didYouMean}; expected ${expected}`;
}
