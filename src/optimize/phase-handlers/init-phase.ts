import { renderPerfTargetsMd } from '../../pipeline/render-perf-targets-md.ts';
import type { PhaseHandler } from '../phase-handler.ts';
import { writeArtifact } from '../write-artifact.ts';

/**
 * INIT: makes the starting commit available to the trusted repository, creates the worktree on `perf/<task>`
 * and writes `bots/perf-targets.md` (the targets were merged from the command and perf.yml when the run was
 * created, see `resolveTargets`, because the checkpoint needs them from the start).
 */
export const initPhase: PhaseHandler = async (ctx, state) => {
  await ctx.trusted.ensureCommit(ctx.start.sha);
  await ctx.worktree.open(state.iteration);
  const targets = renderPerfTargetsMd({
    targets: state.targets,
    maxIterations: { value: ctx.limits.maxIterations, source: ctx.maxIterationsSource },
    ...(ctx.request.focus === undefined ? {} : { focus: ctx.request.focus }),
    allowedPaths: ctx.config.optimize.allowedPaths,
    reviewers: ctx.config.review.reviewers,
    blocking: ctx.config.review.blocking,
  });
  await writeArtifact(ctx, 'perf-targets.md', targets);
  return { outcome: { phase: 'init' } };
};
