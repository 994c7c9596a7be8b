import { evaluateTargets } from '../../pipeline/verify/evaluate-targets.ts';
import { evaluateTradeoffs } from '../../pipeline/verify/evaluate-tradeoffs.ts';
import { preferredBenchmark } from '../../pipeline/verify/preferred-benchmark.ts';
import { summarizeVerify } from '../../pipeline/verify/summarize-bench-report.ts';
import { renderBenchJson } from '../../reports/bench-report/render-bench-json.ts';
import { renderBenchReport } from '../../reports/bench-report/render-bench-report.ts';
import type { PhaseHandler } from '../phase-handler.ts';
import { confirmReportName } from '../stored-bench-report.ts';
import { tradeoffsOf } from '../tradeoffs-of.ts';
import { writeArtifact } from '../write-artifact.ts';
import { compareCandidateTrees, withCandidateTrees } from './verify-phase.ts';

/** Added to the seed of a confirmation run, so its order differs from every VERIFY's (those add their iteration). */
const CONFIRM_SEED_OFFSET = 1_000_003;

/**
 * CONFIRM: the change the review passed is measured once more against the starting commit, on two new fresh
 * worktrees and in a new random order, and judged against the same targets and trade-offs. The VERIFY that chose
 * this change is the best of several noisy measurements, so its figure is biased upward (the winner's curse);
 * this one is not, and it is the figure COMMIT writes into the commit message and the final report quotes. Its
 * report is `confirm-<iteration>.json` and `bots/benchmark-confirm.txt`.
 */
export const confirmPhase: PhaseHandler = async (ctx, state) => {
  const iteration = state.iteration;
  const report = await withCandidateTrees(ctx, state, 'confirm', (trees) =>
    compareCandidateTrees(ctx, state, trees, ctx.seed + CONFIRM_SEED_OFFSET + iteration),
  );
  const confidence = { geomean: report.geomean, confidence: report.method.confidence };
  const evaluations = evaluateTargets(state.targets, report.comparisons, confidence);
  const broken = evaluateTradeoffs(report.comparisons, evaluations, tradeoffsOf(ctx), {
    confidence: report.method.confidence,
  });
  const reportJson = `benchmark-confirm-${iteration}.json`;
  const preferred = preferredBenchmark(state.targets);
  const snapshot = summarizeVerify(report, {
    iteration,
    reportJsonPath: `bots/${reportJson}`,
    ...(preferred === undefined ? {} : { preferredBenchmark: preferred }),
  });
  await ctx.files.writeData(confirmReportName(iteration), report);
  await writeArtifact(ctx, reportJson, renderBenchJson(report));
  await writeArtifact(ctx, 'benchmark-confirm.txt', renderBenchReport(report));
  const unmet = [
    ...evaluations.filter((evaluation) => !evaluation.met).map((evaluation) => evaluation.explanation),
    ...broken,
  ];
  return {
    outcome: { phase: 'confirm', targetsMet: unmet.length === 0, unmet, snapshot },
    ...(unmet.length === 0 ? {} : { note: unmet.join('; ') }),
  };
};
