import { AnalyzerOutput } from '../../agents/agent-output.ts';
import { deriveComponent } from '../../pipeline/commit/derive-component.ts';
import { preferredBenchmark } from '../../pipeline/verify/preferred-benchmark.ts';
import { renderCommitMessage } from '../../pipeline/commit/render-commit-message.ts';
import type { PhaseHandler } from '../phase-handler.ts';
import { commitValidatedPatch } from '../commit-validated-patch.ts';
import { diffRulesFromConfig } from '../diff-rules-from-config.ts';
import { readValidatedPatch } from '../read-validated-patch.ts';
import { confirmReportName, StoredBenchReport, verifyReportName } from '../stored-bench-report.ts';
import { writeArtifact } from '../write-artifact.ts';
import { ANALYSIS_FILE } from './analyze-phase.ts';
import { LINKS_FILE, PublishLinks } from '../publish-links.ts';

/**
 * COMMIT: one commit on `perf/<task>` whose parent is the starting commit and whose content is the verified
 * change, built in the trusted repository from the patch (`git apply --cached` + `commit-tree`), never in the
 * worktree where untrusted code ran, so no hook, filter or config planted there takes part. The stored patch
 * lives where untrusted code can write, so it is used only if its SHA-256 is the one OPTIMIZE recorded when it
 * validated it, and the commit is checked with the diff rules once more before anything is published
 * (`commitValidatedPatch`: `bots/`, agent configuration, CI files, lockfiles… refuse the commit). Either
 * failure fails the run with a `PatchIntegrityError` that says what happened; nothing is pushed. The message
 * carries the engine's medians from CONFIRM, the fresh measurement after the review (`renderCommitMessage`). The `Publisher` then delivers it.
 */
export const commitPhase: PhaseHandler = async (ctx, state) => {
  const latest = state.latest;
  if (latest === undefined || latest.iteration !== state.iteration) {
    return {
      outcome: { failed: true, reason: `iteration ${state.iteration} has no verified benchmark run to commit` },
    };
  }
  // The confirmation run's figures, not those of the VERIFY that chose the change (biased upward by the choice).
  const confirmed = state.confirmed?.iteration === latest.iteration;
  const reportName = confirmed ? confirmReportName(latest.iteration) : verifyReportName(latest.iteration);
  const report = await ctx.files.readData(reportName, StoredBenchReport);
  if (report === undefined)
    return {
      outcome: {
        failed: true,
        reason: `the benchmark report of iteration ${latest.iteration} is missing (${reportName})`,
      },
    };
  // Checked against the SHA-256 OPTIMIZE recorded, then committed from this very text and validated again.
  const patch = await readValidatedPatch(ctx.files, state);
  const analysis = await ctx.files.readData(ANALYSIS_FILE, AnalyzerOutput);
  const preferred = preferredBenchmark(state.targets);
  const message = renderCommitMessage({
    component: deriveComponent(state.targets, analysis?.bottlenecks[0]?.file),
    rows: report.comparisons,
    geomean: report.geomean,
    ...(preferred === undefined ? {} : { preferredBenchmark: preferred }),
    agent: { name: ctx.agent.name, type: ctx.agent.type },
    runId: ctx.runId,
    ...(ctx.coAuthors === undefined ? {} : { coAuthors: ctx.coAuthors }),
  });
  await ctx.trusted.ensureCommit(ctx.start.sha);
  const commit = await commitValidatedPatch(ctx.trusted, {
    parent: ctx.start.sha,
    patch,
    message,
    author: ctx.commitIdentity,
    date: ctx.now().toISOString(),
    iteration: state.iteration,
    rules: diffRulesFromConfig(ctx.config),
  });
  const published = await ctx.publisher.publish({
    gitDir: ctx.trusted.gitDir,
    sha: commit.sha,
    parentSha: ctx.start.sha,
    branch: state.branch,
    runId: ctx.runId,
    signal: ctx.signal,
  });
  await ctx.files.writeData(LINKS_FILE, PublishLinks.parse(published.links ?? {}));
  await writeArtifact(ctx, 'commit-message.txt', message);
  return {
    outcome: {
      phase: 'commit',
      sha: published.sha,
      pushed: published.pushed,
      ...(published.prNumber === undefined ? {} : { prNumber: published.prNumber }),
      ...(published.label === undefined ? {} : { label: published.label }),
    },
    // A patch comment puts the commit on no branch anywhere: only its id is worth noting.
    note:
      published.links?.patch === undefined
        ? `${published.sha.slice(0, 7)} on ${state.branch}`
        : published.sha.slice(0, 7),
  };
};
