import path from 'node:path';

/** Node's flags that make a run's instruction count repeatable (no background compile or GC threads, no randomness). */
export const NODE_DETERMINISTIC_FLAGS = ['--single-threaded', '--predictable'] as const;

/** How a counted run of one command is made repeatable, and the empty program that measures its runtime's start-up. */
export interface DeterministicRuntime {
  /** `node`, `python`, `go`, or undefined for anything else (a native program: nothing to do). */
  runtime?: 'node' | 'python' | 'go';
  /** The command with the runtime's deterministic flags. */
  command: string | string[];
  /** Variables that remove run-to-run randomness (on top of the run's environment). */
  env: Record<string, string>;
  /** The same runtime and flags with an empty program, whose count is the start-up subtracted from every run. */
  startup?: string | string[];
  /** For the report: what was done and what stays non-deterministic. */
  note?: string;
}

const NODE = /^node(?:js)?(?:\d+)?$/;
/**
 * The empty program: an empty script file rather than `-e ''`, because it takes the same path as the benchmark's
 * own script (find, read, compile a file). Measured with node 20 under cachegrind: `node /dev/null` is 0.8M
 * instructions below a script that only reads a file, `node -e ''` 4.3M above it.
 */
const EMPTY_SCRIPT = '/dev/null';
const PYTHON = /^python(?:\d+(?:\.\d+)?)?$/;

/**
 * Recognises the runtime by the command's program (argv[0], or a string command's first word) and puts it in its
 * deterministic mode. Only the command itself: a runtime started by a script (`npm run bench`) is not seen, so
 * such a command should start the runtime directly or pass the flags itself.
 */
export function deterministicRuntime(command: string | readonly string[]): DeterministicRuntime {
  const first = typeof command === 'string' ? /^\s*(\S+)/.exec(command)?.[1] : command[0];
  const name = first === undefined ? '' : path.basename(first);
  if (first !== undefined && NODE.test(name)) {
    const flags = NODE_DETERMINISTIC_FLAGS.filter((flag) => !hasWord(command, flag));
    return {
      runtime: 'node',
      command:
        typeof command === 'string'
          ? command.replace(first, [first, ...flags].join(' '))
          : [first, ...flags, ...command.slice(1)],
      env: {},
      startup:
        typeof command === 'string'
          ? `${first} ${NODE_DETERMINISTIC_FLAGS.join(' ')} ${EMPTY_SCRIPT}`
          : [first, ...NODE_DETERMINISTIC_FLAGS, EMPTY_SCRIPT],
      note: `node ran with ${NODE_DETERMINISTIC_FLAGS.join(' ')} (no background threads, no randomness); what remains is the program's own non-determinism (time, random numbers, I/O)`,
    };
  }
  if (first !== undefined && PYTHON.test(name)) {
    return {
      runtime: 'python',
      command: typeof command === 'string' ? command : [...command],
      env: { PYTHONHASHSEED: '0' },
      startup: typeof command === 'string' ? `${first} ${EMPTY_SCRIPT}` : [first, EMPTY_SCRIPT],
      note: 'python ran with PYTHONHASHSEED=0 (the same hash order every run); what remains is the garbage collector reacting to addresses, and the program’s own time, random numbers and I/O',
    };
  }
  if (name === 'go') {
    return {
      runtime: 'go',
      command: typeof command === 'string' ? command : [...command],
      env: { GOMAXPROCS: '1' },
      note: 'Go has no deterministic mode: GOMAXPROCS=1 keeps the scheduler and the garbage collector on one thread, but when the collector runs still varies; no start-up was subtracted (the go tool and test binary have no empty program)',
    };
  }
  return { command: typeof command === 'string' ? command : [...command], env: {} };
}

function hasWord(command: string | readonly string[], word: string): boolean {
  return typeof command === 'string' ? command.split(/\s+/).includes(word) : command.includes(word);
}
