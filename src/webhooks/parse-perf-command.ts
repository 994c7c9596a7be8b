import { findPerfCommandLine } from './find-perf-command-line.ts';
import { parsePerfCommandLine } from './parse-perf-command-line.ts';
import type { PerfCommand } from './perf-command.ts';

/**
 * The `/perf` command of a comment: understood, or not understood with a reason.
 * `line` is the command line as written (without invisible characters); it is untrusted text, so escape it
 * (e.g. `codeSpan`) before echoing it. `error` quotes user input JSON-style and needs the same care.
 */
export type PerfCommandLine =
  { type: 'command'; command: PerfCommand; line: string } | { type: 'invalid'; line: string; error: string };

/** What a comment asks of the bot: nothing (no command line), a command, or an invalid command. */
export type CommandParseResult = { type: 'none' } | PerfCommandLine;

/**
 * Finds and parses the `/perf` command in a comment body. Which lines count is described in
 * {@link findPerfCommandLine} (only the first command line, never quoted or code lines); the grammar is
 * `/perf bench [FILTER] [--runs N] [--vs REF]`, `/perf optimize [--target N%] [--max-iter N] [description]`,
 * `/perf status`, `/perf cancel`, `/perf ack [reason]`, `/perf help`, and bare `/perf` for help. Every value is checked against an
 * allow-list and typed; nothing from the comment is ever meant for a shell.
 */
export function parsePerfCommand(body: string): CommandParseResult {
  const line = findPerfCommandLine(body);
  if (line === undefined) return { type: 'none' };
  const parsed = parsePerfCommandLine(line);
  if (parsed.kind === 'invalid') return { type: 'invalid', line, error: parsed.error };
  return { type: 'command', command: parsed, line };
}
