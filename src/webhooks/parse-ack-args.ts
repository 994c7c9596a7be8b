import { parseReason } from './parse-command-values.ts';
import type { AckCommand, InvalidPerfCommand } from './perf-command.ts';
import type { Token } from './read-command-args.ts';

/**
 * The words after `/perf ack`: an optional reason, the rest of the line as written. `/perf ack` takes no flags,
 * so a word like `--force` is part of the reason.
 */
export function parseAckArgs(line: string, tokens: readonly Token[]): AckCommand | InvalidPerfCommand {
  const first = tokens[0];
  if (first === undefined) return { kind: 'ack' };
  const reason = parseReason(line.slice(first.start));
  if (!reason.ok) return { kind: 'invalid', error: reason.error };
  return reason.value === undefined ? { kind: 'ack' } : { kind: 'ack', reason: reason.value };
}
