import type { PerfbotOutcome, UnpairedOutcome } from './run-engine-trial.ts';

/** One condition of the engine benchmark (an A/A or an injected change) and the outcome of every trial of it. */
export interface ConditionResults {
  name: string;
  /** Injected change of the measured value (0 = A/A). */
  change: number;
  perfbot: PerfbotOutcome[];
  unpaired: UnpairedOutcome[];
}

/** What `engine.bench.ts` measured, as `renderEngineResults` and `renderNoiseSection` report it. */
export interface EngineResults {
  conditions: ConditionResults[];
  looks: number[];
  warmup: number;
  bareSpawnNs: number[];
  noiseBand: number;
  /** Time to plan the O'Brien–Fleming boundaries once (a fixed cost of every session), in ns. */
  boundariesNs: number;
}
