import { renderPrompt } from '../../agents/render-prompt.ts';
import { consolidateReviews, type ReviewerResult } from '../../pipeline/consolidate-reviews.ts';
import { renderReviewMd } from '../../pipeline/render-review-md.ts';
import { renderBenchmarkTable } from '../../reports/render-benchmark-table.ts';
import { abortedBy } from '../agent-failure-report.ts';
import { buildPromptBase } from '../build-prompt-base.ts';
import { collectChange } from '../collect-change.ts';
import { mapWithConcurrency } from '../map-with-concurrency.ts';
import type { PhaseHandler } from '../phase-handler.ts';
import { renderFiguresTable } from '../render-figures-table.ts';
import { restoreAgentConfigAtStart } from '../restore-agent-config-at-start.ts';
import { StoredBenchReport, verifyReportName } from '../stored-bench-report.ts';
import { toReviewFinding } from '../to-review-finding.ts';
import { writeArtifact } from '../write-artifact.ts';

/**
 * REVIEW: every reviewer of `review.reviewers` (at most `reviewConcurrency` at once) gets the validated change
 * as a diff and the before/after figures of the last VERIFY; `bots/review-<kind>.md` each, then
 * `consolidateReviews` → `bots/review.md`. A reviewer that fails is listed, not blocking (see
 * `consolidateReviews`). An empty reviewer list turns the review off.
 */
export const reviewPhase: PhaseHandler = async (ctx, state) => {
  const { reviewers, blocking } = ctx.config.review;
  if (reviewers.length === 0) {
    await writeArtifact(ctx, 'review.md', '### Review\n\nOff: `review.reviewers` is empty.\n');
    return { outcome: { phase: 'review', blocking: false, findings: [] } };
  }
  const patch = await ctx.files.readPatch(state.iteration);
  let worktree = await ctx.worktree.open(state.iteration);
  if ((await collectChange(worktree, ctx.config.optimize.allowedPaths)).patch !== patch) worktree = await ctx.worktree.reset(state.iteration);
  await restoreAgentConfigAtStart(ctx, worktree.path);
  const report = state.latest === undefined ? undefined : await ctx.files.readData(verifyReportName(state.latest.iteration), StoredBenchReport);
  const figures =
    report === undefined
      ? renderFiguresTable(state.baseline, state.latest)
      : renderBenchmarkTable(report.comparisons, { confidence: report.method.confidence });
  const base = buildPromptBase(ctx, state);
  let costUsd = 0;
  const results = await mapWithConcurrency(reviewers, ctx.reviewConcurrency, async (kind): Promise<ReviewerResult> => {
    const prompt = renderPrompt('reviewer', { ...base, reviewer: kind, diff: patch, figures });
    const result = await ctx.agent.run({ role: 'reviewer', reviewer: kind, cwd: worktree.path, prompt, signal: ctx.signal });
    costUsd += result.costUsd ?? 0;
    return result.ok ? { kind, ok: true, findings: result.output.findings.map(toReviewFinding) } : { kind, ok: false, error: result.error };
  });
  if (ctx.signal.aborted) return { outcome: { cancelled: true, ...abortedBy(ctx.signal) }, costUsd };
  for (const result of results) {
    await writeArtifact(ctx, `review-${result.kind}.md`, renderReviewMd(consolidateReviews([result], blocking), blocking));
  }
  const review = consolidateReviews(results, blocking);
  await writeArtifact(ctx, 'review.md', renderReviewMd(review, blocking));
  const failed = review.failedReviewers.length;
  return {
    outcome: { phase: 'review', blocking: review.blocking, findings: review.findings },
    costUsd,
    note: `${review.findings.length} findings from ${reviewers.length - failed} of ${reviewers.length} reviewers`,
  };
};
