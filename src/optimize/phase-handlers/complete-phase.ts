import { renderFinalReport } from '../../pipeline/complete/render-final-report.ts';
import type { PhaseHandler } from '../phase-handler.ts';
import { LINKS_FILE, PublishLinks } from '../publish-links.ts';
import { confirmReportName, StoredBenchReport, verifyReportName } from '../stored-bench-report.ts';
import { writeArtifact } from '../write-artifact.ts';

/** The run-files name of the final report (also `bots/final-report.md`). */
export const FINAL_REPORT = 'final-report.md';

/**
 * COMPLETE: `bots/final-report.md`, for a completed run and for one that stopped early alike (`renderFinalReport`
 * leads with where and why it stopped). Runs even after a cancellation, so it uses no agent and no signal.
 */
export const completePhase: PhaseHandler = async (ctx, state) => {
  // The confirmation run's table when there is one: the figure the run stands by (or, stopped there, disowns).
  const reportName =
    state.confirmed !== undefined
      ? confirmReportName(state.confirmed.iteration)
      : state.latest === undefined
        ? undefined
        : verifyReportName(state.latest.iteration);
  const report = reportName === undefined ? undefined : await ctx.files.readData(reportName, StoredBenchReport);
  const links = (await ctx.files.readData(LINKS_FILE, PublishLinks)) ?? {};
  const text = renderFinalReport({
    state,
    maxIterations: ctx.limits.maxIterations,
    blocking: ctx.config.review.blocking,
    ...(report === undefined ? {} : { report }),
    links,
    endedAt: ctx.now().toISOString(),
    agent: { name: ctx.agent.name, type: ctx.agent.type },
  });
  await writeArtifact(ctx, FINAL_REPORT, text);
  return { outcome: { phase: 'complete' } };
};
