import { z } from 'zod';
import { expected, expectedMessage } from './expected.ts';

const message = expected('a shell command string or a non-empty list of argv strings');
const argvItem = expected('a string');

/**
 * How a command is written in `.github/perf.yml`: a string is run by `/bin/sh -c` (pipes, `&&`, globs work);
 * a list is an argv array run directly, with no shell (no quoting surprises).
 */
export const CommandSpec = z
  .union(
    [
      z.string(message).regex(/\S/, message),
      // Later arguments may be empty or blank (`ssh-keygen -N ""`); only the program name may not.
      z
        .array(z.string(argvItem), message)
        .min(1, message)
        .refine((argv) => argv[0] === undefined || /\S/.test(argv[0]), {
          path: [0],
          error: (issue) => expectedMessage('a program name', (issue.input as string[])[0]),
        }),
    ],
    message,
  )
  .describe('A shell command string (run by /bin/sh -c) or an argv list run without a shell.');
export type CommandSpec = z.infer<typeof CommandSpec>;
