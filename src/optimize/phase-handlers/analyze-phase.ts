import { renderPrompt } from '../../agents/render-prompt.ts';
import { agentFailureReport } from '../agent-failure-report.ts';
import { buildPromptBase } from '../build-prompt-base.ts';
import { iterationRecords } from '../iteration-records.ts';
import { readOptimizerSummaries } from '../optimizer-summaries.ts';
import type { PhaseHandler } from '../phase-handler.ts';
import { readBaselineProfile } from '../profile/profile-baseline.ts';
import { renderAnalysisMd } from '../render-analysis-md.ts';
import { restoreAgentConfigAtStart } from '../restore-agent-config-at-start.ts';
import { writeArtifact } from '../write-artifact.ts';

/** The run-files name of the latest analysis, which OPTIMIZE reads. */
export const ANALYSIS_FILE = 'analysis.json';

/**
 * ANALYZE: the analyzer agent reads the code in the worktree (agent configuration restored from the starting
 * commit first) and names the bottlenecks; `bots/perf-analysis.md`. No bottleneck means nothing to do.
 */
export const analyzePhase: PhaseHandler = async (ctx, state) => {
  const worktree = await ctx.worktree.open(state);
  await restoreAgentConfigAtStart(ctx, worktree.path);
  const iterations = iterationRecords(state.history, await readOptimizerSummaries(ctx.files));
  const profile = await readBaselineProfile(ctx.files);
  const prompt = renderPrompt('analyzer', {
    ...buildPromptBase(ctx, state),
    iterations,
    profile,
    ciFailures: state.ciFailures ?? [],
  });
  const result = await ctx.agent.run({ role: 'analyzer', cwd: worktree.path, prompt, signal: ctx.signal });
  if (!result.ok) return agentFailureReport('analyzer', result, ctx.signal);
  await ctx.files.writeData(ANALYSIS_FILE, result.output);
  await writeArtifact(ctx, 'perf-analysis.md', renderAnalysisMd(result.output, state.analyzeRounds + 1));
  const found = result.output.bottlenecks.length;
  return {
    outcome: { phase: 'analyze', result: found === 0 ? 'nothing-to-do' : 'plan' },
    ...(result.costUsd === undefined ? {} : { costUsd: result.costUsd }),
    note: `${found} ${found === 1 ? 'bottleneck' : 'bottlenecks'}`,
  };
};
