/**
 * What an optimization may cost elsewhere, as fractions (`0.05` = 5%), with where each allowance came from so
 * `bots/perf-targets.md` can say it.
 */
export interface Tradeoffs {
  /** Largest slowdown of a benchmark the targets do not name. */
  maxRegression: { value: number; source: 'command' | 'perf.yml' | 'regression gate' };
  /** Largest increase of peak memory. */
  maxMemory: { value: number; source: 'command' | 'perf.yml' | 'default' };
}

export interface TradeoffSources {
  /** `optimize.tradeoffs` as parsed; a key absent when perf.yml leaves it to the default. */
  configured: { maxRegression?: number | undefined; maxMemory?: number | undefined };
  /** `thresholds.regressionGate`: the default allowance for slowdowns. */
  regressionGate: number;
  /** `--max-regression N%` / `--max-memory N%`: the newer, more specific request wins. */
  command?: { maxRegression?: number | undefined; maxMemory?: number | undefined };
}

/** Peak memory may grow by 10% unless perf.yml or the command says otherwise. */
export const DEFAULT_MAX_MEMORY = 0.1;

/** Merges the command's trade-off flags with perf.yml and the defaults. */
export function resolveTradeoffs(sources: TradeoffSources): Tradeoffs {
  const { command, configured } = sources;
  const maxRegression: Tradeoffs['maxRegression'] =
    command?.maxRegression !== undefined
      ? { value: command.maxRegression, source: 'command' }
      : configured.maxRegression !== undefined
        ? { value: configured.maxRegression, source: 'perf.yml' }
        : { value: sources.regressionGate, source: 'regression gate' };
  const maxMemory: Tradeoffs['maxMemory'] =
    command?.maxMemory !== undefined
      ? { value: command.maxMemory, source: 'command' }
      : configured.maxMemory !== undefined
        ? { value: configured.maxMemory, source: 'perf.yml' }
        : { value: DEFAULT_MAX_MEMORY, source: 'default' };
  return { maxRegression, maxMemory };
}
