import { resolveTradeoffs, type Tradeoffs } from '../pipeline/tradeoffs.ts';
import type { OptimizeContext } from './optimize-context.ts';

/** The run's trade-offs: `--max-regression` / `--max-memory`, else `optimize.tradeoffs`, else the defaults. */
export function tradeoffsOf(ctx: Pick<OptimizeContext, 'config' | 'tradeoffOverrides'>): Tradeoffs {
  return resolveTradeoffs({
    configured: ctx.config.optimize.tradeoffs,
    regressionGate: ctx.config.thresholds.regressionGate,
    ...(ctx.tradeoffOverrides === undefined ? {} : { command: ctx.tradeoffOverrides }),
  });
}
