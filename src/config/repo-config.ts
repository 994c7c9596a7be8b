import { z } from 'zod';
import { BenchmarkConfig } from './benchmark-config.ts';
import { CommandSpec } from './command-spec.ts';
import { expected, expectedOneOf } from './expected.ts';
import { percent } from './percent.ts';
import { PerfTarget } from './perf-target.ts';
import { ReviewConfig } from './review-config.ts';
import { ThresholdsConfig } from './thresholds-config.ts';

const text = expected('a non-empty string');
const nonEmptyString = () => z.string(text).min(1, text);
const positive = (unit: string) => expected(`a positive whole number of ${unit}`);

export const PERMISSIONS = ['write', 'maintain', 'admin'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What `/perf optimize` does with a pull request from a fork. `comment`: never push to this repository; the
 * verified patch is posted on the PR for its author to apply. `push`: as for a same-repository PR (a
 * `perf/<task>` branch here and a PR against the base branch), which runs the fork's commits in this
 * repository's CI, with its secrets.
 */
export const FORK_PULL_REQUEST_MODES = ['comment', 'push'] as const;

/**
 * What an optimization may cost elsewhere, judged in VERIFY on the confidence interval (its better end must stay
 * within the allowance): `maxRegression` for every benchmark the targets do not name, `maxMemory` for peak memory.
 */
const TradeoffsConfig = z
  .strictObject(
    {
      maxRegression: percent({ min: 0, max: 1000 })
        .optional()
        .describe('Largest slowdown any other benchmark may show, in percent; default thresholds.regressionGate.'),
      maxMemory: percent({ min: 0, max: 1000 })
        .optional()
        .describe('Largest peak-memory increase, in percent; default 10.'),
    },
    expected('a mapping with maxRegression and maxMemory'),
  )
  .describe('Acceptable trade-offs of an optimization, stated up front and enforced in VERIFY.')
  .prefault({});

const OptimizeConfig = z
  .strictObject(
    {
      agent: nonEmptyString().optional().describe('Agent to use, when the operator offers more than one.'),
      maxIterations: z
        .int(positive('iterations'))
        .min(1, positive('iterations'))
        .default(3)
        .describe('Optimize → verify rounds before giving up.'),
      allowedPaths: z
        .array(nonEmptyString(), expected('a non-empty list of globs'))
        .min(1, expected('a non-empty list of globs'))
        .default(['**'])
        .describe('Globs of files the agent may change.'),
      protect: z
        .array(nonEmptyString(), expected('a list of globs'))
        .default([])
        .describe(
          'More globs of files no optimization may touch, on top of the defaults (bench/, test/, *.test.*, fixtures/, perf.yml…) and the files the benchmark and test commands name.',
        ),
      tradeoffs: TradeoffsConfig,
      pushToPrBranch: z
        .boolean(expected('true or false'))
        .default(false)
        .describe('Push verified changes to the PR branch instead of opening a separate PR.'),
      forkPullRequests: z
        .enum(FORK_PULL_REQUEST_MODES, expectedOneOf(FORK_PULL_REQUEST_MODES))
        .default('comment')
        .describe(
          "Pull requests from forks: comment (post the verified patch on the PR, push nothing) or push (push perf/<task> to this repository and open a PR; its CI then runs the fork's code with this repository's secrets).",
        ),
    },
    expected('a mapping of optimize settings'),
  )
  .describe('The /perf optimize loop.')
  .prefault({});

const limit = (unit: string, description: string) =>
  z.int(positive(unit)).min(1, positive(unit)).optional().describe(description);

const LimitsConfig = z
  .strictObject(
    {
      processes: limit('processes', 'Processes one command may run at once.'),
      memoryMb: limit('MiB', 'Resident memory of one command, all its processes together, in MiB.'),
      diskMb: limit('MiB', 'Largest file one command may write, and the size of its private /tmp and home, in MiB.'),
      outputMb: limit('MiB', 'Output (stdout, stderr) of one command, in MiB.'),
    },
    expected('a mapping of limits'),
  )
  .describe("Limits of every sandboxed command; the operator's limits are the defaults and the maximum.")
  .prefault({});

const MonitorConfig = z
  .strictObject(
    {
      checks: z
        .array(nonEmptyString(), expected('a list of check names'))
        .default([])
        .describe('CI checks to watch after pushing; empty watches all of them.'),
      timeoutMinutes: z
        .int(positive('minutes'))
        .min(1, positive('minutes'))
        .default(60)
        .describe('Stop watching CI after this long.'),
    },
    expected('a mapping of monitor settings'),
  )
  .describe('Watching CI after Perfbot pushes.')
  .prefault({});

const TriggersConfig = z
  .strictObject(
    {
      labels: z
        .strictObject(
          {
            bench: nonEmptyString().default('perf:bench').describe('Adding this label runs /perf bench.'),
            optimize: nonEmptyString().default('perf:optimize').describe('Adding this label runs /perf optimize.'),
          },
          expected('a mapping with bench and optimize labels'),
        )
        .prefault({}),
      minPermission: z
        .enum(PERMISSIONS, expectedOneOf(PERMISSIONS))
        .default('write')
        .describe('Lowest repository permission allowed to trigger Perfbot.'),
      selfAck: z
        .boolean(expected('true or false'))
        .default(true)
        .describe(
          "Whether a pull request's author may /perf ack its own regression. false asks for someone else, as required reviews do.",
        ),
    },
    expected('a mapping of trigger settings'),
  )
  .describe('Who and what can start Perfbot.')
  .prefault({});

/**
 * The repository's `.github/perf.yml`. Every key has a default except `benchmark.command`: the `benchmark`
 * section may be left out (reviews and triggers still work), but when it is there it must say what to run.
 * Percentages are stored as fractions (`noise: 2` → `0.02`). Unknown keys are errors, so typos are never ignored.
 */
export const RepoConfig = z
  .strictObject(
    {
      benchmark: BenchmarkConfig.optional().describe(
        'What to run and how often. Optional, but benchmarking needs it (and then its command).',
      ),
      thresholds: ThresholdsConfig,
      test: z
        .strictObject(
          {
            command: CommandSpec.optional().describe('Runs the test suite; optimizations must keep it passing.'),
            network: z
              .enum(['none', 'outbound'], expectedOneOf(['none', 'outbound']))
              .default('none')
              .describe('Network of test.command inside the sandbox: none (its own loopback only) or outbound.'),
          },
          expected('a mapping with a command'),
        )
        .prefault({})
        .describe('How to run the tests.'),
      limits: LimitsConfig,
      targets: z.array(PerfTarget, expected('a list of targets')).default([]).describe('Goals for /perf optimize.'),
      optimize: OptimizeConfig,
      review: ReviewConfig,
      monitor: MonitorConfig,
      triggers: TriggersConfig,
    },
    expected('a mapping of settings (key: value lines)'),
  )
  .meta({
    title: 'Perfbot repository configuration (.github/perf.yml)',
    description: 'Settings for Perfbot in this repository. Every key is optional except benchmark.command.',
    $comment:
      'Generated from src/config/repo-config.ts by scripts/write-config-schema.ts (npm run schema). Do not edit.',
  });
export type RepoConfig = z.infer<typeof RepoConfig>;
