import { z } from 'zod';
import { BENCH_FORMATS } from '../benchmark/parsers/parsed-result.ts';
import { CommandSpec } from './command-spec.ts';
import { expected, expectedOneOf } from './expected.ts';
import { percent } from './percent.ts';
import { RunsConfig } from './runs-config.ts';

/**
 * What a run compares: `time` (wall time, CPU and memory of every run, plus the harness's own numbers) or
 * `instructions` (user-space instructions of the whole process tree, counted by perf or cachegrind, with wall
 * time still measured beside them).
 */
export const MEASURES = ['time', 'instructions'] as const;
export type Measure = (typeof MEASURES)[number];

const seconds = expected('a positive whole number of seconds');
const envName = expected('an environment variable name of capitals, digits and _ (like GOMAXPROCS)');
const envValue = expected('a string, number or boolean');

/** The `benchmark` section: what to run and how often. Only `command` has no default. */
export const BenchmarkConfig = z.strictObject(
  {
    command: CommandSpec.describe('Runs the benchmarks once and prints their results. Required.'),
    setup: CommandSpec.optional().describe('Runs once per side before any timed run (build, install). Untimed.'),
    profile: CommandSpec.optional().describe(
      'For /perf optimize: prints a CPU profile summary of the benchmark on the starting commit, for the analyzer. Default: built in for node, go test -bench and python commands.',
    ),
    format: z
      .enum(BENCH_FORMATS, expectedOneOf(BENCH_FORMATS))
      .default('auto')
      .describe('Output format of the command; auto detects it. time measures the process wall time.'),
    measure: z
      .enum(MEASURES, expectedOneOf(MEASURES))
      .default('time')
      .describe(
        'What decides the verdict: time (wall time of each run) or instructions (user-space instructions of the whole process tree, counted by perf or Valgrind; wall time is still shown).',
      ),
    instructionsNoise: percent({ min: 0, max: 50 })
      .prefault(0.1)
      .describe(
        'With measure: instructions, instruction-count changes smaller than this percentage are unchanged (counts of a deterministic program repeat to ~0.0001%, so this band is far narrower than thresholds.noise).',
      ),
    filter: z
      .string(expected('a non-empty glob'))
      .min(1, expected('a non-empty glob'))
      .optional()
      .describe('Glob over benchmark names; only matching benchmarks are compared.'),
    warmup: z
      .int(expected('a whole number ≥ 0'))
      .min(0, expected('a whole number ≥ 0'))
      .default(1)
      .describe('Untimed runs per side before measuring.'),
    runs: RunsConfig,
    timeBudgetSeconds: z
      .int(seconds)
      .min(1, seconds)
      .default(900)
      .describe('Stop starting new runs after this long; the result is reported with what was measured.'),
    timeoutSeconds: z.int(seconds).min(1, seconds).default(300).describe('A single run is killed after this long.'),
    network: z
      .enum(['none', 'outbound'], expectedOneOf(['none', 'outbound']))
      .default('none')
      .describe(
        'Network of benchmark.command inside the sandbox: none (its own loopback only) or outbound (the internet, never the host or private addresses).',
      ),
    setupNetwork: z
      .enum(['none', 'outbound'], expectedOneOf(['none', 'outbound']))
      .default('outbound')
      .describe('Network of benchmark.setup, which usually installs dependencies: outbound by default.'),
    env: z
      .record(
        z.string().regex(/^[A-Z_][A-Z0-9_]*$/, envName),
        z.union([z.string(envValue), z.number(envValue), z.boolean(envValue)], envValue).transform(String),
        expected('a mapping of variable names to values'),
      )
      .optional()
      .describe('Extra environment variables for setup and benchmark processes. Public: never put secrets here.'),
  },
  expected('a mapping with at least a command'),
);
export type BenchmarkConfig = z.infer<typeof BenchmarkConfig>;
