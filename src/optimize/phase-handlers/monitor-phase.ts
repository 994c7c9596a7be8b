import type { PhaseHandler } from '../phase-handler.ts';

/**
 * MONITOR: waits for CI on the pushed commit through the `CiMonitor` port. `nextPhase` only comes here after
 * a push; a run that committed locally (the CLI: no CI locally) goes from COMMIT straight to COMPLETE, and
 * should this phase run anyway it reports green with a note instead of waiting for CI that will never come.
 */
export const monitorPhase: PhaseHandler = async (ctx, state) => {
  if (state.pushed !== true || state.commitSha === undefined) {
    return { outcome: { phase: 'monitor', result: 'green' }, note: 'skipped: nothing was pushed, so no CI ran' };
  }
  if (ctx.ciMonitor === undefined) return { outcome: { failed: true, reason: 'no CI monitor is configured for pushed commits' } };
  const watched = await ctx.ciMonitor.watch({
    sha: state.commitSha,
    branch: state.branch,
    ...(state.prNumber === undefined ? {} : { prNumber: state.prNumber }),
    checks: ctx.config.monitor.checks,
    timeoutMs: ctx.config.monitor.timeoutMinutes * 60_000,
    signal: ctx.signal,
  });
  return { outcome: { phase: 'monitor', ...watched } };
};
