import type { PhaseHandler } from '../phase-handler.ts';
import { writePerfTargets } from '../write-perf-targets.ts';

/**
 * INIT: makes the starting commit available to the trusted repository, creates the worktree on `perf/<task>`
 * and writes `bots/perf-targets.md` (targets, trade-offs, protected files) (the targets were merged from the command and perf.yml when the run was
 * created, see `resolveTargets`, because the checkpoint needs them from the start).
 */
export const initPhase: PhaseHandler = async (ctx, state) => {
  await ctx.trusted.ensureCommit(ctx.start.sha);
  await ctx.worktree.open(state);
  await writePerfTargets(ctx, state);
  return { outcome: { phase: 'init' } };
};
