/** The shell that runs every command and reports its CPU time. Absolute, so the child's PATH cannot swap it. */
export const WRAPPER_SHELL = '/bin/bash';

/** Variables bash creates and exports itself; unset unless the caller set them, so a command sees exactly its env. */
const BASH_MADE_VARIABLES = ['PWD', 'OLDPWD', 'SHLVL'] as const;

/**
 * The argv to spawn for a command.
 *
 * Shape: `bash -c WRAPPER perfbot ARGV…` where WRAPPER
 * 1. keeps its own stderr aside (fd 4) and silences it, so bash's notes about the child ("Killed", job
 *    status) never appear in the command's output;
 * 2. runs `( exec -- "$@" )`: a forked subshell immediately replaced by the program, so the arguments are
 *    passed verbatim, never word-split, globbed or evaluated, and a name like `eval` or `echo` is looked up
 *    on PATH as a program rather than run as a shell builtin; `--` keeps a leading `-c` from being read as
 *    an option of `exec`. fds 3 and 4 are closed for the program so no descendant can hold them open;
 * 3. prints `times` to fd 3 once the program was waited for: the second line is user and system CPU of
 *    all waited-for descendants (getrusage RUSAGE_CHILDREN), i.e. the whole tree minus daemons; then
 *    `wall START END` ($EPOCHREALTIME around the program): its wall time without the shell's own start-up,
 *    or a sandbox's when the wrapper runs inside one;
 * 4. exits with the program's status (128+n if it was killed by signal n).
 *
 * A string command becomes `/bin/sh -c STRING` inside the same wrapper, so it is interpreted by sh
 * exactly as `sh -c` would and its CPU is also counted among the wrapper's children.
 */
export function wrapCommand(command: string | readonly string[], env: Readonly<Record<string, string>>): string[] {
  const argv = typeof command === 'string' ? ['/bin/sh', '-c', command] : [...command];
  const unset = BASH_MADE_VARIABLES.filter((name) => !(name in env));
  const script = [
    unset.length > 0 ? `unset ${unset.join(' ')}` : ':',
    'exec 4>&2 2>/dev/null',
    'started=$EPOCHREALTIME',
    '( exec -- "$@" 2>&4 4>&- ) 3>&-',
    'rc=$?',
    'ended=$EPOCHREALTIME',
    'times >&3',
    'echo "wall $started $ended" >&3',
    'exit $rc',
  ].join('; ');
  return [WRAPPER_SHELL, '-c', script, 'perfbot', ...argv];
}

/** The children's user + system CPU from bash's `times` output (second line, `0m1.250s 0m0.031s`), in ns. */
export function parseTimesOutput(text: string): number | undefined {
  const line = text.trim().split('\n')[1];
  const parts = line?.match(/(\d+)m(\d+)[.,](\d+)s\s+(\d+)m(\d+)[.,](\d+)s/);
  if (!parts) return undefined;
  const toNs = (minutes: string, seconds: string, fraction: string) =>
    (Number(minutes) * 60 + Number(seconds)) * 1e9 + Number(fraction.padEnd(9, '0').slice(0, 9));
  return toNs(parts[1]!, parts[2]!, parts[3]!) + toNs(parts[4]!, parts[5]!, parts[6]!);
}

/** The program's wall time from the wrapper's `wall START END` line (seconds with microseconds), in ns. */
export function parseWallOutput(text: string): number | undefined {
  const parts = text.match(/^wall (\d+)[.,](\d{6}) (\d+)[.,](\d{6})$/m);
  if (!parts) return undefined;
  const micros = (seconds: string, fraction: string) => BigInt(seconds) * 1_000_000n + BigInt(fraction);
  const elapsed = micros(parts[3]!, parts[4]!) - micros(parts[1]!, parts[2]!);
  return elapsed < 0n ? undefined : Number(elapsed) * 1000;
}
