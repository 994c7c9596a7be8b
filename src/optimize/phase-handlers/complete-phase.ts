import { renderFinalReport } from '../../pipeline/render-final-report.ts';
import type { PhaseHandler } from '../phase-handler.ts';
import { LINKS_FILE, PublishLinks } from '../publish-links.ts';
import { StoredBenchReport, verifyReportName } from '../stored-bench-report.ts';
import { writeArtifact } from '../write-artifact.ts';

/** The run-files name of the final report (also `bots/final-report.md`). */
export const FINAL_REPORT = 'final-report.md';

/**
 * COMPLETE: `bots/final-report.md`, for a completed run and for one that stopped early alike (`renderFinalReport`
 * leads with where and why it stopped). Runs even after a cancellation, so it uses no agent and no signal.
 */
export const completePhase: PhaseHandler = async (ctx, state) => {
  const report = state.latest === undefined ? undefined : await ctx.files.readData(verifyReportName(state.latest.iteration), StoredBenchReport);
  const links = (await ctx.files.readData(LINKS_FILE, PublishLinks)) ?? {};
  const text = renderFinalReport({
    state,
    maxIterations: ctx.limits.maxIterations,
    blocking: ctx.config.review.blocking,
    ...(report === undefined ? {} : { report }),
    links,
    endedAt: ctx.now().toISOString(),
  });
  await writeArtifact(ctx, FINAL_REPORT, text);
  return { outcome: { phase: 'complete' } };
};
