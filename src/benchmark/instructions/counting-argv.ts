import type { InstructionCounter } from './instruction-counter.ts';

/** The file perf stat writes its CSV into, inside the run's out folder. */
export const PERF_OUT_FILE = 'perf-stat.csv';
/** cachegrind's file per process (`%p` is the pid), inside the run's out folder. */
export const CACHEGRIND_OUT_PREFIX = 'cg.';

/**
 * The argv that runs `command` under the counter, writing the counts into `outDir` (a folder the sandboxed run may
 * write). A string command runs as `/bin/sh -c STRING` under the counter, exactly as it runs without one. Both
 * count the whole tree: perf stat inherits its counter into children, cachegrind follows every exec.
 * `-q` keeps Valgrind's banner out of the command's output.
 */
export function countingArgv(
  counter: InstructionCounter,
  command: string | readonly string[],
  outDir: string,
): string[] {
  const argv = typeof command === 'string' ? ['/bin/sh', '-c', command] : [...command];
  if (counter.kind === 'perf') {
    return [
      counter.program,
      'stat',
      '-x',
      ',',
      '-e',
      'instructions:u',
      '-o',
      `${outDir}/${PERF_OUT_FILE}`,
      '--',
      ...argv,
    ];
  }
  return [
    counter.program,
    '--tool=cachegrind',
    '--cache-sim=no',
    '--trace-children=yes',
    '-q',
    `--cachegrind-out-file=${outDir}/${CACHEGRIND_OUT_PREFIX}%p`,
    ...argv,
  ];
}
