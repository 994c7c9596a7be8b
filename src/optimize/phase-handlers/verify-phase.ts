import { benchSettingsFromConfig } from '../../benchmark/bench-settings-from-config.ts';
import type { BenchReport } from '../../benchmark/bench-report.ts';
import { runBenchSession } from '../../benchmark/run-bench-session.ts';
import { evaluateTargets } from '../../pipeline/verify/evaluate-targets.ts';
import { evaluateTradeoffs } from '../../pipeline/verify/evaluate-tradeoffs.ts';
import { preferredBenchmark } from '../../pipeline/verify/preferred-benchmark.ts';
import { renderPerfResultsMd } from '../../pipeline/verify/render-perf-results-md.ts';
import { summarizeVerify } from '../../pipeline/verify/summarize-bench-report.ts';
import { renderBenchJson } from '../../reports/bench-report/render-bench-json.ts';
import { renderBenchReport } from '../../reports/bench-report/render-bench-report.ts';
import { commitValidatedPatch } from '../commit-validated-patch.ts';
import { isolateBenchmarkRuns } from '../isolate-benchmark-runs.ts';
import { diffRulesFromConfig } from '../diff-rules-from-config.ts';
import type { OptimizeContext } from '../optimize-context.ts';
import type { PhaseHandler, PhaseReport } from '../phase-handler.ts';
import { readValidatedPatch } from '../read-validated-patch.ts';
import { runTestsOnTree } from '../run-tests-on-tree.ts';
import { checkTestCount } from '../check-test-count.ts';
import { verifyReportName } from '../stored-bench-report.ts';
import { tradeoffsOf } from '../tradeoffs-of.ts';
import { writeArtifact } from '../write-artifact.ts';

/**
 * VERIFY: checks exactly what COMMIT would commit. The validated change (refused unless its SHA-256 is the one
 * OPTIMIZE recorded, and unless its commit passes the diff rules) is committed in the trusted repository
 * as a candidate (its SHA names the head side of the report) and applied to a fresh worktree of the starting
 * commit; a second fresh worktree holds the starting commit itself. The tests run on the candidate; when they
 * pass, the engine compares the two trees interleaved, on this machine, with the perf.yml settings, and the
 * targets and the trade-offs (`evaluateTradeoffs`) are judged on that comparison. Passing tests must be no fewer
 * than on the starting commit when their output says how many (`checkTestCount`), else they count as failing. Neither tree is the agents' worktree, so build outputs or files an
 * agent left outside the change cannot influence the result, and every benchmark run starts from the same files
 * (`isolateBenchmarkRuns`; what the tests wrote is undone first). `bots/perf-results-<n>.md` every time, and
 * `bots/perf-results.md` with every iteration so far.
 */
export const verifyPhase: PhaseHandler = (ctx, state) =>
  withCandidateTrees(ctx, state, 'verify', (trees) => verifyTrees(ctx, state, trees));

/** The starting commit and the candidate (starting commit + validated change), each in a fresh worktree. */
export interface CandidateTrees {
  base: string;
  head: string;
  /** The candidate commit in the trusted repository: names the head side of the report. */
  headSha: string;
}

/**
 * Commits the validated change of `state` as a candidate in the trusted repository, checks out the starting commit
 * and the candidate in two fresh worktrees (`<runId>-<use>-base`, `-head`) for `work`, and removes them after.
 */
export async function withCandidateTrees<T>(
  ctx: OptimizeContext,
  state: Parameters<PhaseHandler>[1],
  use: string,
  work: (trees: CandidateTrees) => Promise<T>,
): Promise<T> {
  const iteration = state.iteration;
  const patch = await readValidatedPatch(ctx.files, state);
  await ctx.trusted.ensureCommit(ctx.start.sha);
  const candidate = await commitValidatedPatch(ctx.trusted, {
    parent: ctx.start.sha,
    patch,
    message: `perfbot: candidate of iteration ${iteration}\n`,
    author: ctx.commitIdentity,
    date: ctx.now().toISOString(),
    iteration,
    rules: diffRulesFromConfig(ctx.config),
  });
  const baseTree = await ctx.workspace.createWorktree(`${ctx.runId}-${use}-base`, ctx.start.sha);
  try {
    const headTree = await ctx.workspace.createWorktree(`${ctx.runId}-${use}-head`, ctx.start.sha);
    try {
      await ctx.trusted.applyToDir(headTree.path, patch);
      return await work({ base: baseTree.path, head: headTree.path, headSha: candidate.sha });
    } finally {
      await headTree.remove();
    }
  } finally {
    await baseTree.remove();
  }
}

/**
 * The engine's interleaved comparison of the two trees, with perf.yml's settings, every run from the same files
 * (`isolateBenchmarkRuns`). `seed` chooses the run order.
 */
export async function compareCandidateTrees(
  ctx: OptimizeContext,
  state: Parameters<PhaseHandler>[1],
  trees: CandidateTrees,
  seed: number,
): Promise<BenchReport> {
  const settings = benchSettingsFromConfig(ctx.config);
  const isolated = isolateBenchmarkRuns(ctx.runProcess, settings.setup);
  try {
    return await runBenchSession(
      {
        settings,
        base: { ref: ctx.start.ref, sha: ctx.start.sha, dir: trees.base },
        head: { ref: `${state.branch} (iteration ${state.iteration})`, sha: trees.headSha, dir: trees.head },
        env: ctx.childEnv,
        seed,
        signal: ctx.signal,
      },
      {
        runProcess: isolated.runProcess,
        now: ctx.monotonicMs,
        ...(ctx.isolation === undefined ? {} : { isolation: ctx.isolation }),
      },
    );
  } finally {
    await isolated.dispose();
  }
}

async function verifyTrees(
  ctx: OptimizeContext,
  state: Parameters<PhaseHandler>[1],
  trees: CandidateTrees,
): Promise<PhaseReport> {
  const tests = await runTestsOnTree(ctx, trees.head);
  if (tests.result === 'failed') return testsFailed(ctx, state.iteration, tests.output);
  if (tests.result === 'passed') {
    const fewer = await checkTestCount(ctx, trees.base, tests.output);
    if (fewer !== undefined) return testsFailed(ctx, state.iteration, fewer);
  }
  return await measureCandidate(ctx, state, trees, tests.result);
}

async function measureCandidate(
  ctx: OptimizeContext,
  state: Parameters<PhaseHandler>[1],
  trees: CandidateTrees,
  tests: 'passed' | 'none',
): Promise<PhaseReport> {
  const iteration = state.iteration;
  const { maxIterations } = ctx.limits;
  const report = await compareCandidateTrees(ctx, state, trees, ctx.seed + iteration);
  const evaluations = evaluateTargets(state.targets, report.comparisons, {
    geomean: report.geomean,
    confidence: report.method.confidence,
  });
  const tradeoffs = tradeoffsOf(ctx);
  const tradeoffsBroken = evaluateTradeoffs(report.comparisons, evaluations, tradeoffs, {
    confidence: report.method.confidence,
  });
  const reportJson = `benchmark-after-${iteration}.json`;
  const preferred = preferredBenchmark(state.targets);
  const snapshot = summarizeVerify(report, {
    iteration,
    reportJsonPath: `bots/${reportJson}`,
    ...(preferred === undefined ? {} : { preferredBenchmark: preferred }),
  });
  await ctx.files.writeData(verifyReportName(iteration), report);
  await writeArtifact(ctx, reportJson, renderBenchJson(report));
  await writeArtifact(ctx, 'benchmark-after.txt', renderBenchReport(report));
  await writeResults(
    ctx,
    iteration,
    renderPerfResultsMd({ iteration, maxIterations, tests, evaluations, report, tradeoffs, tradeoffsBroken }),
  );
  const missed = evaluations.filter((evaluation) => !evaluation.met).map((evaluation) => evaluation.explanation);
  // Broken trade-offs go with the unmet targets: ANALYZE is told both, and neither may reach REVIEW.
  const unmet = [...missed, ...tradeoffsBroken];
  return {
    outcome: {
      phase: 'verify',
      tests,
      targetsMet: missed.length === 0,
      unmet,
      snapshot,
      ...(tradeoffsBroken.length === 0 ? {} : { tradeoffsBroken }),
    },
    ...(unmet.length === 0 ? {} : { note: unmet.join('; ') }),
  };
}

async function testsFailed(ctx: OptimizeContext, iteration: number, output: string): Promise<PhaseReport> {
  const results = renderPerfResultsMd({
    iteration,
    maxIterations: ctx.limits.maxIterations,
    tests: 'failed',
    testFailures: output,
    evaluations: [],
  });
  await writeResults(ctx, iteration, results);
  return { outcome: { phase: 'verify', tests: 'failed', targetsMet: false, testFailures: output } };
}

/** Name of one iteration's results; `bots/perf-results.md` holds them all, oldest first. */
export function iterationResultsName(iteration: number): string {
  return `perf-results-${iteration}.md`;
}

/**
 * `bots/perf-results-<n>.md` for this iteration, and `bots/perf-results.md` rebuilt from every iteration's file,
 * so the run's record keeps what each iteration tried and measured (a repeated VERIFY replaces its own part).
 */
async function writeResults(ctx: OptimizeContext, iteration: number, text: string): Promise<void> {
  await writeArtifact(ctx, iterationResultsName(iteration), text);
  const parts: string[] = [];
  for (let n = 1; n <= iteration; n++) {
    const part = await ctx.files.readArtifact(iterationResultsName(n));
    if (part !== null) parts.push(part.trimEnd());
  }
  await writeArtifact(ctx, 'perf-results.md', `${parts.join('\n\n---\n\n')}\n`);
}
