import { z } from 'zod';
import { expected } from './expected.ts';

const message = expected('a shell command string or a non-empty list of argv strings');
const argvItem = expected('a non-empty string');

/**
 * How a command is written in `.github/perf.yml`: a string is run by `/bin/sh -c` (pipes, `&&`, globs work);
 * a list is an argv array run directly, with no shell (no quoting surprises).
 */
export const CommandSpec = z
  .union(
    [
      z.string(message).trim().min(1, message),
      z.array(z.string(argvItem).min(1, argvItem), message).min(1, message),
    ],
    message,
  )
  .describe('A shell command string (run by /bin/sh -c) or an argv list run without a shell.');
export type CommandSpec = z.infer<typeof CommandSpec>;
