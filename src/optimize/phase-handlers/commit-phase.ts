import { AnalyzerOutput } from '../../agents/agent-output.ts';
import { isAgentConfigPath } from '../../agents/agent-config-paths.ts';
import { deriveComponent } from '../../pipeline/derive-component.ts';
import { preferredBenchmark } from '../../pipeline/preferred-benchmark.ts';
import { renderCommitMessage } from '../../pipeline/render-commit-message.ts';
import type { PhaseHandler } from '../phase-handler.ts';
import { BOTS_DIR } from '../run-files.ts';
import { joinPatch, splitPatch } from '../split-patch.ts';
import { StoredBenchReport, verifyReportName } from '../stored-bench-report.ts';
import { writeArtifact } from '../write-artifact.ts';
import { ANALYSIS_FILE } from './analyze-phase.ts';
import { LINKS_FILE, PublishLinks } from '../publish-links.ts';

/**
 * COMMIT: one commit on `perf/<task>` whose parent is the starting commit and whose content is the verified
 * change, built in the trusted repository from the patch (`git apply --cached` + `commit-tree`), never in the
 * worktree where untrusted code ran, so no hook, filter or config planted there takes part. `bots/` and agent
 * configuration are left out even though the diff rules already refuse them. The message carries the
 * engine's medians from the last VERIFY (`renderCommitMessage`). The `Publisher` then delivers it.
 */
export const commitPhase: PhaseHandler = async (ctx, state) => {
  const latest = state.latest;
  if (latest === undefined || latest.iteration !== state.iteration) {
    return { outcome: { failed: true, reason: `iteration ${state.iteration} has no verified benchmark run to commit` } };
  }
  const report = await ctx.files.readData(verifyReportName(latest.iteration), StoredBenchReport);
  if (report === undefined) return { outcome: { failed: true, reason: `the benchmark report of iteration ${latest.iteration} is missing` } };
  const sections = splitPatch(await ctx.files.readPatch(state.iteration));
  const patch = joinPatch(sections.filter((section) => section.path.split('/')[0] !== BOTS_DIR && !isAgentConfigPath(section.path)));
  const analysis = await ctx.files.readData(ANALYSIS_FILE, AnalyzerOutput);
  const preferred = preferredBenchmark(state.targets);
  const message = renderCommitMessage({
    component: deriveComponent(state.targets, analysis?.bottlenecks[0]?.file),
    rows: report.comparisons,
    geomean: report.geomean,
    ...(preferred === undefined ? {} : { preferredBenchmark: preferred }),
    agent: { name: ctx.agent.name, type: ctx.agent.type },
    runId: ctx.runId,
  });
  await ctx.trusted.ensureCommit(ctx.start.sha);
  const commit = await ctx.trusted.commitPatch({ parent: ctx.start.sha, patch, message, author: ctx.commitIdentity, date: ctx.now().toISOString() });
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
    outcome: { phase: 'commit', sha: published.sha, pushed: published.pushed, ...(published.prNumber === undefined ? {} : { prNumber: published.prNumber }) },
    note: `${published.sha.slice(0, 7)} on ${state.branch}`,
  };
};
