import { renderPrompt } from '../../agents/render-prompt.ts';
import { reviewerName } from '../../agents/reviewer-focus.ts';
import type { Reviewer } from '../../config/review-config.ts';
import { consolidateReviews, type ReviewerResult } from '../../pipeline/review/consolidate-reviews.ts';
import { mainLanguage } from '../../pipeline/review/main-language.ts';
import { reviewFileName } from '../../pipeline/review/review-file-name.ts';
import { renderReviewMd } from '../../pipeline/review/render-review-md.ts';
import { renderBenchmarkTable } from '../../reports/bench-report/render-benchmark-table.ts';
import { abortedBy } from '../agent-failure-report.ts';
import { buildPromptBase } from '../build-prompt-base.ts';
import { collectChange } from '../collect-change.ts';
import { diffRulesFromConfig } from '../diff-rules-from-config.ts';
import { mapWithConcurrency } from '../map-with-concurrency.ts';
import type { PhaseHandler } from '../phase-handler.ts';
import { readValidatedPatch } from '../read-validated-patch.ts';
import { renderFiguresTable } from '../render-figures-table.ts';
import { restoreAgentConfigAtStart } from '../restore-agent-config-at-start.ts';
import { StoredBenchReport, verifyReportName } from '../stored-bench-report.ts';
import { toReviewFinding } from '../to-review-finding.ts';
import { writeArtifact } from '../write-artifact.ts';

/**
 * REVIEW: every reviewer of `review.reviewers` (`review.concurrency` at once, all nine by default) gets the
 * validated change as a diff and the before/after figures of the last VERIFY; each writes its seed-named file
 * (`reviewFileName`: `bots/review-code.md` … `bots/review-go.md` for the language reviewer of a Go repository),
 * then `consolidateReviews` → `bots/review.md`. A reviewer that fails is run once more; one that fails again makes
 * the review incomplete, and the run stops before COMMIT saying which. An empty reviewer list turns the review off.
 */
export const reviewPhase: PhaseHandler = async (ctx, state) => {
  const { reviewers, blocking } = ctx.config.review;
  if (reviewers.length === 0) {
    await writeArtifact(ctx, 'review.md', '### Review\n\nOff: `review.reviewers` is empty.\n');
    return { outcome: { phase: 'review', blocking: false, findings: [] } };
  }
  const patch = await readValidatedPatch(ctx.files, state);
  let worktree = await ctx.worktree.open(state);
  if ((await collectChange(worktree, diffRulesFromConfig(ctx.config))).patch !== patch)
    worktree = await ctx.worktree.reset(state);
  await restoreAgentConfigAtStart(ctx, worktree.path);
  const report =
    state.latest === undefined
      ? undefined
      : await ctx.files.readData(verifyReportName(state.latest.iteration), StoredBenchReport);
  const figures =
    report === undefined
      ? renderFiguresTable(state.baseline, state.latest)
      : renderBenchmarkTable(report.comparisons, { confidence: report.method.confidence });
  const base = buildPromptBase(ctx, state);
  const language = mainLanguage([...(await ctx.trusted.listTree(ctx.start.sha)).keys()]);
  const names = { language: reviewerName('language', language) };
  let costUsd = 0;
  const review1 = async (kind: Reviewer): Promise<ReviewerResult> => {
    const prompt = renderPrompt('reviewer', {
      ...base,
      reviewer: kind,
      ...(language === undefined ? {} : { language }),
      diff: patch,
      figures,
    });
    const result = await ctx.agent.run({
      role: 'reviewer',
      reviewer: kind,
      cwd: worktree.path,
      prompt,
      signal: ctx.signal,
    });
    costUsd += result.costUsd ?? 0;
    return result.ok
      ? { kind, ok: true, findings: result.output.findings.map(toReviewFinding) }
      : { kind, ok: false, error: result.error };
  };
  const concurrency = ctx.config.review.concurrency;
  let results = await mapWithConcurrency(reviewers, concurrency, review1);
  // A reviewer that failed (provider outage, timeout) gets one more round: its area must not go unreviewed.
  const retried = results.filter((result) => !result.ok).map((result) => result.kind);
  if (retried.length > 0 && !ctx.signal.aborted) {
    const again = await mapWithConcurrency(retried, concurrency, review1);
    results = results.map((result) => again.find((next) => next.kind === result.kind) ?? result);
  }
  if (ctx.signal.aborted) return { outcome: { cancelled: true, ...abortedBy(ctx.signal) }, costUsd };
  for (const result of results) {
    await writeArtifact(
      ctx,
      reviewFileName(result.kind, language),
      renderReviewMd(consolidateReviews([result], blocking), blocking, names),
    );
  }
  const review = consolidateReviews(results, blocking);
  await writeArtifact(ctx, 'review.md', renderReviewMd(review, blocking, names));
  const failed = review.failedReviewers;
  if (failed.length > 0) {
    // "No findings" from a reviewer that never answered is not a review: nothing is committed on it.
    const which = failed.map(({ kind, error }) => `${reviewerName(kind, language)} (${error})`).join('; ');
    return {
      outcome: {
        failed: true,
        reason: `the review is incomplete: ${failed.length} of ${reviewers.length} reviewers failed twice, so nothing was committed: ${which}`,
      },
      costUsd,
    };
  }
  return {
    outcome: { phase: 'review', blocking: review.blocking, findings: review.findings },
    costUsd,
    note: `${review.findings.length} findings from ${reviewers.length} of ${reviewers.length} reviewers`,
  };
};
