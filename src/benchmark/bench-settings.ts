import type { SandboxLimits, SandboxNetwork } from '../sandbox/sandbox.ts';
import type { Measure } from '../config/benchmark-config.ts';
import type { BenchFormat } from './parsers/parsed-result.ts';

/** What the engine needs to know, decoupled from the perf.yml schema (see `toBenchSettings`). */
export interface BenchSettings {
  command: string | string[];
  setup?: string | string[];
  format: BenchFormat;
  /** `instructions` adds a counted run per invocation; absent means `time`. */
  measure?: Measure;
  filter?: string;
  warmup: number;
  minPairs: number;
  maxPairs: number;
  /**
   * Plan the looks after the first one from the measured pace and `timeBudgetMs` (`planTimedLooks`), up to
   * `maxPairs`; absent or false: the fixed `planLooks(minPairs, maxPairs)` schedule.
   */
  planByTime?: boolean;
  timeBudgetMs: number;
  timeoutMs: number;
  /** The sandbox's network for each kind of command. */
  network: { setup: SandboxNetwork; command: SandboxNetwork };
  /** perf.yml's limits for every command (the sandbox caps them at the operator's). */
  limits: Partial<SandboxLimits>;
  /** Extra non-secret environment for benchmark processes. */
  env: Record<string, string>;
  /** Fractions: 0.02 = 2%. */
  noiseBand: number;
  /** The noise band of the `instructions` rows (fraction); default 0.001. */
  instructionsNoiseBand?: number;
  confidence: number;
  regressionGate: number;
  fdr: number;
}
