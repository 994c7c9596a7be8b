/** Progress events for a TTY progress line or a live status comment. */
export type BenchProgress =
  | { phase: 'setup'; side: 'base' | 'head' }
  | { phase: 'warmup'; run: number; of: number }
  | { phase: 'measure'; pair: number; maxPairs: number; etaMs: number }
  | { phase: 'look'; pairs: number; decided: number; total: number };
