import type { RepoConfig } from '../config/repo-config.ts';
import { requireBenchmarkConfig } from '../config/require-benchmark-config.ts';
import type { BenchSettings } from './bench-settings.ts';

/** Maps the perf.yml schema to engine settings; `runs` (from `--runs N` or `/perf bench --runs N`) pins a fixed-size design. */
export function benchSettingsFromConfig(config: RepoConfig, overrides: { runs?: number } = {}): BenchSettings {
  const { thresholds } = config;
  const benchmark = requireBenchmarkConfig(config);
  const minPairs = overrides.runs ?? benchmark.runs.min;
  const maxPairs = overrides.runs ?? benchmark.runs.max;
  return {
    command: benchmark.command,
    setup: benchmark.setup,
    format: benchmark.format,
    filter: benchmark.filter,
    warmup: benchmark.warmup,
    minPairs,
    maxPairs,
    timeBudgetMs: benchmark.timeBudgetSeconds * 1000,
    timeoutMs: benchmark.timeoutSeconds * 1000,
    env: benchmark.env ?? {},
    noiseBand: thresholds.noise,
    confidence: thresholds.confidence,
    regressionGate: thresholds.regressionGate,
    fdr: thresholds.fdr,
  };
}
