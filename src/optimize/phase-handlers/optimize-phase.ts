import { AnalyzerOutput } from '../../agents/agent-output.ts';
import { renderPrompt } from '../../agents/render-prompt.ts';
import type { OptimizerPromptVariables } from '../../agents/prompt-variables.ts';
import { agentFailureReport } from '../agent-failure-report.ts';
import { buildPromptBase } from '../build-prompt-base.ts';
import { collectChange } from '../collect-change.ts';
import { diffRulesFromConfig } from '../diff-rules-from-config.ts';
import { findingsToFix } from '../findings-to-fix.ts';
import { iterationRecords } from '../iteration-records.ts';
import { patchSha256 } from '../patch-sha256.ts';
import { readValidatedPatch } from '../read-validated-patch.ts';
import { readOptimizerSummaries, recordOptimizerSummary } from '../optimizer-summaries.ts';
import type { PhaseHandler } from '../phase-handler.ts';
import { restoreAgentConfigAtStart } from '../restore-agent-config-at-start.ts';
import { writeArtifact } from '../write-artifact.ts';
import { ANALYSIS_FILE } from './analyze-phase.ts';

/**
 * OPTIMIZE: the optimizer edits the worktree; its change (against the starting commit, `bots/` left out) is
 * checked with the diff rules (`checkDiffRules`: `optimize.allowedPaths`, forbidden kinds of files, the protected
 * benchmark and test files, added test-skipping markers).
 *
 * - valid and different from the previous change → `changed`, stored as `change-<n>.patch`, its SHA-256 recorded
 *   in the checkpoint (every later reader checks it: `readValidatedPatch`);
 * - valid and identical → `no-changes`;
 * - any violation → `rejected`: the whole iteration's change is discarded by rebuilding the worktree from
 *   the previous change (the last good state), not by reverting single paths, so nothing the agent did next to
 *   a forbidden edit survives, and the next OPTIMIZE is told which files and why.
 *
 * Before the agent runs, the worktree is rebuilt if it no longer matches the previous change (an analyzer or
 * reviewer edited files it should only have read).
 */
export const optimizePhase: PhaseHandler = async (ctx, state) => {
  const iteration = state.iteration + 1;
  const rules = diffRulesFromConfig(ctx.config);
  const previous = await readValidatedPatch(ctx.files, state);
  let worktree = await ctx.worktree.open(state);
  if ((await collectChange(worktree, rules)).patch !== previous) worktree = await ctx.worktree.reset(state);
  await restoreAgentConfigAtStart(ctx, worktree.path);

  const analysis = await ctx.files.readData(ANALYSIS_FILE, AnalyzerOutput);
  if (analysis === undefined)
    return { outcome: { failed: true, reason: 'there is no analysis to act on (ANALYZE has not run)' } };
  const variables: OptimizerPromptVariables = {
    ...buildPromptBase(ctx, state),
    iterations: iterationRecords(state.history, await readOptimizerSummaries(ctx.files)),
    analysis,
    findingsToFix: findingsToFix(state, ctx.config.review.blocking),
  };
  if (state.testFailures !== undefined) variables.testFailures = state.testFailures;
  const result = await ctx.agent.run({
    role: 'optimizer',
    cwd: worktree.path,
    prompt: renderPrompt('optimizer', variables),
    signal: ctx.signal,
  });
  if (!result.ok) return agentFailureReport('optimizer', result, ctx.signal);
  const cost = result.costUsd === undefined ? {} : { costUsd: result.costUsd };
  await recordOptimizerSummary(ctx.files, { iteration, summary: result.output.summary });

  const change = await collectChange(worktree, rules);
  if (!change.check.ok) {
    await ctx.files.writePatch(iteration, previous);
    await ctx.worktree.reset(state);
    const note = `rejected: ${change.check.violations.map((violation) => violation.path).join(', ')}`;
    return {
      outcome: {
        phase: 'optimize',
        result: 'rejected',
        violations: change.check.violations,
        patchSha256: patchSha256(previous),
      },
      note,
      ...cost,
    };
  }
  // The hash of the text just validated, not of the file: the file can be rewritten the moment it exists.
  await ctx.files.writePatch(iteration, change.patch);
  await writeArtifact(ctx, 'perf-change.patch', change.patch);
  const files = change.files.length;
  return {
    outcome: {
      phase: 'optimize',
      result: change.patch === previous ? 'no-changes' : 'changed',
      patchSha256: patchSha256(change.patch),
    },
    note: `${files} ${files === 1 ? 'file' : 'files'} changed against the starting commit`,
    ...cost,
  };
};
