import path from 'node:path';
import { deterministicRuntime } from '../../benchmark/instructions/deterministic-runtime.ts';
import type { CommandSpec } from '../../config/command-spec.ts';
import { PSTATS_DUMP_SCRIPT } from './parse-pstats-dump.ts';
import { PROFILE_TOP } from './render-profile-text.ts';

/** The file names the built-in profilers write in the profile folder. */
export const GO_PROFILE_FILE = 'cpu.pprof';
export const PYTHON_PROFILE_FILE = 'cpu.pstats';
/** Lines of Go's `-lines` listing read for the functions' lines: more than the functions shown, each has several. */
const LINES_TOP = 200;

/** The analyzer's prompt says this when nothing could profile the benchmark. */
export const NO_PROFILER = 'no profile available (set benchmark.profile)';

/**
 * How the baseline is profiled: `command` is run like the benchmark command (in the sandbox, on the starting
 * commit), then, for the built-in profilers, `summarize` reads the file it wrote (also in the sandbox: it is
 * the repository's runtime reading a file the repository's code wrote).
 */
export type ProfilerPlan =
  | { kind: 'custom'; tool: 'benchmark.profile'; command: CommandSpec }
  | { kind: 'node'; tool: 'node --cpu-prof'; command: CommandSpec }
  | { kind: 'go'; tool: 'go test -cpuprofile'; command: CommandSpec; summarize: string[][] }
  | { kind: 'python'; tool: 'python -m cProfile'; command: CommandSpec; summarize: string[][] }
  | { kind: 'none'; reason: string };

/**
 * Picks the profiler: perf.yml's `benchmark.profile` when set (its output is the summary), else one built in for
 * the runtime `benchmark.command` starts directly (recognised as for `measure: instructions`): node gets
 * `--cpu-prof`, `go test -bench` gets `-cpuprofile` (summarized by `go tool pprof -top`: by flat, by cum, and by line), python runs under
 * `-m cProfile -o` (summarized by pstats). A runtime started by a script (`npm run bench`) is not seen. Pure.
 */
export function planProfiler(
  benchmark: { command: CommandSpec; profile?: CommandSpec | undefined },
  dir: string,
): ProfilerPlan {
  if (benchmark.profile !== undefined) return { kind: 'custom', tool: 'benchmark.profile', command: benchmark.profile };
  const { command } = benchmark;
  const program = typeof command === 'string' ? /^\s*(\S+)/.exec(command)?.[1] : command[0];
  if (program === undefined) return { kind: 'none', reason: NO_PROFILER };
  switch (deterministicRuntime(command).runtime) {
    case 'node':
      return {
        kind: 'node',
        tool: 'node --cpu-prof',
        command: insertAfterProgram(command, program, ['--cpu-prof', `--cpu-prof-dir=${dir}`]),
      };
    case 'python': {
      const file = path.join(dir, PYTHON_PROFILE_FILE);
      return {
        kind: 'python',
        tool: 'python -m cProfile',
        command: insertAfterProgram(command, program, ['-m', 'cProfile', '-o', file]),
        summarize: [[program, '-c', PSTATS_DUMP_SCRIPT, file]],
      };
    }
    case 'go': {
      const file = path.join(dir, GO_PROFILE_FILE);
      const profiled = goTestWithProfile(command, file);
      if (profiled === undefined)
        return { kind: 'none', reason: `${NO_PROFILER}: benchmark.command runs go, but not \`go test -bench\`` };
      const pprof = [program, 'tool', 'pprof', '-top'];
      const functions = [...pprof, `-nodecount=${PROFILE_TOP}`, '-filefunctions'];
      // The function listings name files only; the hottest lines give each function its line.
      const lines = [...pprof, `-nodecount=${LINES_TOP}`, '-lines', '-cum', file];
      return {
        kind: 'go',
        tool: 'go test -cpuprofile',
        command: profiled,
        summarize: [[...functions, file], [...functions, '-cum', file], lines],
      };
    }
    default:
      return { kind: 'none', reason: NO_PROFILER };
  }
}

function insertAfterProgram(command: CommandSpec, program: string, flags: readonly string[]): CommandSpec {
  if (typeof command !== 'string') return [program, ...flags, ...command.slice(1)];
  return command.replace(program, [program, ...flags.map(shellQuote)].join(' '));
}

const BENCH_FLAG = /^--?bench(?:=|$)/;

/** `go test … -bench …` with `-cpuprofile <file>` after `test`; undefined for any other go command. */
function goTestWithProfile(command: CommandSpec, file: string): CommandSpec | undefined {
  if (typeof command !== 'string') {
    if (command[1] !== 'test' || !command.some((arg) => BENCH_FLAG.test(arg))) return undefined;
    return [command[0] as string, 'test', '-cpuprofile', file, ...command.slice(2)];
  }
  const words = command.trim().split(/\s+/);
  if (words[1] !== 'test' || !words.some((word) => BENCH_FLAG.test(word))) return undefined;
  return command.replace(/(\S+\s+test)(?=\s|$)/, `$1 -cpuprofile ${shellQuote(file)}`);
}

/** The profile folder is ours (a temp folder), but quoted anyway: the string goes through `/bin/sh -c`. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
