import type { BenchFormat } from './parsers/parsed-result.ts';

/** What the engine needs to know, decoupled from the perf.yml schema (see `toBenchSettings`). */
export interface BenchSettings {
  command: string | string[];
  setup?: string | string[];
  format: BenchFormat;
  filter?: string;
  warmup: number;
  minPairs: number;
  maxPairs: number;
  timeBudgetMs: number;
  timeoutMs: number;
  /** Extra non-secret environment for benchmark processes. */
  env: Record<string, string>;
  /** Fractions: 0.02 = 2%. */
  noiseBand: number;
  confidence: number;
  regressionGate: number;
  fdr: number;
}
