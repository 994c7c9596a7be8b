import type { RepoConfig } from '../config/repo-config.ts';
import { requireBenchmarkConfig } from '../config/require-benchmark-config.ts';
import type { SandboxLimits } from '../sandbox/sandbox.ts';
import type { BenchSettings } from './bench-settings.ts';
import type { Measure } from '../config/benchmark-config.ts';
import { FIXED_SCHEDULE_PAIRS } from './plan-timed-looks.ts';

/** The most pairs a time-planned run may reach when perf.yml sets no `runs.max`. */
export const TIME_PLANNED_MAX_PAIRS = 500;

/**
 * Maps the perf.yml schema to engine settings; `runs` (from `--runs N` or `/perf bench --runs N`) pins a fixed-size
 * design, `measure` (from `--measure`) overrides `benchmark.measure`. With `planByTime` (bench runs, PR and CLI),
 * unless the pairs are pinned (`runs: N`, `--runs N`) or instructions are counted, the looks are planned by time,
 * up to `runs.max` when set, else 500. Without it (`/perf optimize`, which measures many times per run) the schedule stays the fixed
 * `planLooks(runs.min, runs.max ?? 20)`.
 */
export function benchSettingsFromConfig(
  config: RepoConfig,
  overrides: { runs?: number; measure?: Measure; planByTime?: boolean } = {},
): BenchSettings {
  const { thresholds } = config;
  const benchmark = requireBenchmarkConfig(config);
  const minPairs = overrides.runs ?? benchmark.runs.min;
  const measure = overrides.measure ?? benchmark.measure;
  // Instruction counts are decided in the first look; planning hundreds of looks would only make that look's
  // boundary stricter (and each counted run costs ~50x a timed one). Time planning is for wall time.
  const planByTime = overrides.planByTime === true && measure === 'time';
  const unsetMax = planByTime ? TIME_PLANNED_MAX_PAIRS : FIXED_SCHEDULE_PAIRS;
  const maxPairs = overrides.runs ?? benchmark.runs.max ?? Math.max(minPairs, unsetMax);
  return {
    command: benchmark.command,
    setup: benchmark.setup,
    format: benchmark.format,
    measure,
    filter: benchmark.filter,
    warmup: benchmark.warmup,
    minPairs,
    maxPairs,
    planByTime: planByTime && minPairs < maxPairs,
    timeBudgetMs: benchmark.timeBudgetSeconds * 1000,
    timeoutMs: benchmark.timeoutSeconds * 1000,
    network: { setup: benchmark.setupNetwork, command: benchmark.network },
    limits: limitsFromConfig(config.limits),
    env: benchmark.env ?? {},
    noiseBand: thresholds.noise,
    instructionsNoiseBand: benchmark.instructionsNoise,
    confidence: thresholds.confidence,
    regressionGate: thresholds.regressionGate,
    fdr: thresholds.fdr,
  };
}

/** perf.yml's `limits` (MiB) as sandbox limits (bytes); unset keys stay unset. */
function limitsFromConfig(limits: RepoConfig['limits']): Partial<SandboxLimits> {
  const mib = (value: number | undefined) => (value === undefined ? undefined : value * 2 ** 20);
  const entries = Object.entries({
    processes: limits.processes,
    memoryBytes: mib(limits.memoryMb),
    diskBytes: mib(limits.diskMb),
    outputBytes: mib(limits.outputMb),
  }).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries);
}
