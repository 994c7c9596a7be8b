import { SuspendRunError } from '../../domain/errors.ts';
import { ciWaitKey } from '../ci-monitor.ts';
import type { PhaseHandler } from '../phase-handler.ts';

/**
 * MONITOR: one look at CI of the pushed commit through the `CiMonitor` port per activation. While CI is pending
 * it throws `SuspendRunError` instead of waiting: the runner saves the checkpoint (phase still MONITOR, with
 * `waitingSince` so the timeout spans activations) and the worker parks the job until a check webhook or the
 * recheck time. `nextPhase` only comes here after a push; a run that committed locally (the CLI: no CI
 * locally) goes from COMMIT straight to COMPLETE, and should this phase run anyway it reports green with a note.
 */
export const monitorPhase: PhaseHandler = async (ctx, state) => {
  if (state.pushed !== true || state.commitSha === undefined) {
    return { outcome: { phase: 'monitor', result: 'green' }, note: 'skipped: nothing was pushed, so no CI ran' };
  }
  if (ctx.ciMonitor === undefined)
    return { outcome: { failed: true, reason: 'no CI monitor is configured for pushed commits' } };
  const look = await ctx.ciMonitor.look({
    sha: state.commitSha,
    branch: state.branch,
    ...(state.prNumber === undefined ? {} : { prNumber: state.prNumber }),
    checks: ctx.config.monitor.checks,
    since: state.waitingSince === undefined ? ctx.now().getTime() : Date.parse(state.waitingSince),
    timeoutMs: ctx.config.monitor.timeoutMinutes * 60_000,
  });
  if (look.result === 'pending') throw new SuspendRunError(look.recheckAt, ciWaitKey(state.commitSha));
  return { outcome: { phase: 'monitor', ...look } };
};
