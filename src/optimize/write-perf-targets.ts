import type { BenchSnapshot } from '../pipeline/bench-snapshot.ts';
import type { PipelineState } from '../pipeline/pipeline-state.ts';
import { renderPerfTargetsMd } from '../pipeline/init/render-perf-targets-md.ts';
import { diffRulesFromConfig } from './diff-rules-from-config.ts';
import type { OptimizeContext } from './optimize-context.ts';
import { renderFiguresTable } from './render-figures-table.ts';
import { tradeoffsOf } from './tradeoffs-of.ts';
import { writeArtifact } from './write-artifact.ts';

/**
 * `bots/perf-targets.md`: written by INIT with the targets, trade-offs and rules, and again by BENCHMARK with the
 * starting commit's figures ("current vs target metrics, acceptable trade-offs").
 */
export async function writePerfTargets(
  ctx: OptimizeContext,
  state: PipelineState,
  baseline?: BenchSnapshot,
): Promise<void> {
  const targets = renderPerfTargetsMd({
    targets: state.targets,
    maxIterations: { value: ctx.limits.maxIterations, source: ctx.maxIterationsSource },
    ...(ctx.request.focus === undefined ? {} : { focus: ctx.request.focus }),
    allowedPaths: ctx.config.optimize.allowedPaths,
    protectedPaths: diffRulesFromConfig(ctx.config).protectedPaths,
    tradeoffs: tradeoffsOf(ctx),
    reviewers: ctx.config.review.reviewers,
    blocking: ctx.config.review.blocking,
    ...(baseline === undefined ? {} : { currentFigures: renderFiguresTable(baseline) }),
  });
  await writeArtifact(ctx, 'perf-targets.md', targets);
}
