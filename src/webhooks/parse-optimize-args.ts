import { parseAllowance, parseFocus, parseMaxIterations, parseTarget } from './parse-command-values.ts';
import type { InvalidPerfCommand, OptimizeCommand } from './perf-command.ts';
import { readCommandArgs, type Token } from './read-command-args.ts';

const OPTIMIZE_FLAGS = {
  '--target': '--target 20%',
  '--max-iter': '--max-iter 3',
  '--max-regression': '--max-regression 5%',
  '--max-memory': '--max-memory 10%',
} as const;
/** The trade-off flags and the command fields they set. */
const ALLOWANCE_FLAGS = { '--max-regression': 'maxRegression', '--max-memory': 'maxMemory' } as const;

/**
 * The words after `/perf optimize`: `[--target N%] [--max-iter N] [--max-regression N%] [--max-memory N%]
 * [description]`. Flags come first; the
 * description is the rest of the line (after `--` if it must start with a dash). A flag written after the
 * description is an error rather than silently becoming part of the text.
 */
export function parseOptimizeArgs(line: string, tokens: readonly Token[]): OptimizeCommand | InvalidPerfCommand {
  const args = readCommandArgs(tokens, OPTIMIZE_FLAGS, '/perf optimize', 'rest');
  if (!args.ok) return invalid(args.error);
  const command: OptimizeCommand = { kind: 'optimize' };
  const targetText = args.flags.get('--target');
  if (targetText !== undefined) {
    const target = parseTarget(targetText);
    if (!target.ok) return invalid(target.error);
    command.target = target.value;
  }
  const maxIterText = args.flags.get('--max-iter');
  if (maxIterText !== undefined) {
    const maxIterations = parseMaxIterations(maxIterText);
    if (!maxIterations.ok) return invalid(maxIterations.error);
    command.maxIterations = maxIterations.value;
  }
  for (const [flag, field] of Object.entries(ALLOWANCE_FLAGS)) {
    const text = args.flags.get(flag);
    if (text === undefined) continue;
    const allowance = parseAllowance(flag, text);
    if (!allowance.ok) return invalid(allowance.error);
    command[field] = allowance.value;
  }
  if (args.textStart !== undefined) {
    const misplaced = args.afterSeparator ? undefined : misplacedFlag(tokens, args.textStart);
    if (misplaced !== undefined) {
      const example = `/perf optimize ${OPTIMIZE_FLAGS[misplaced]} speed up parsing`;
      return invalid(`${misplaced}: put flags before the description, like ${example}`);
    }
    const focus = parseFocus(line.slice(args.textStart));
    if (!focus.ok) return invalid(focus.error);
    if (focus.value !== undefined) command.focus = focus.value;
  }
  return command;
}

/** A known flag among the words of the description, which the user most likely meant as a flag. */
function misplacedFlag(tokens: readonly Token[], textStart: number): keyof typeof OPTIMIZE_FLAGS | undefined {
  for (const token of tokens) {
    const name = token.text.split('=')[0];
    if (token.start >= textStart && name !== undefined && name in OPTIMIZE_FLAGS)
      return name as keyof typeof OPTIMIZE_FLAGS;
  }
  return undefined;
}

function invalid(error: string): InvalidPerfCommand {
  return { kind: 'invalid', error };
}
