import { benchSettingsFromConfig } from '../../benchmark/bench-settings-from-config.ts';
import type { BenchReport } from '../../benchmark/bench-report.ts';
import { runBenchSession } from '../../benchmark/run-bench-session.ts';
import { evaluateTargets } from '../../pipeline/evaluate-targets.ts';
import { preferredBenchmark } from '../../pipeline/preferred-benchmark.ts';
import { renderPerfResultsMd } from '../../pipeline/render-perf-results-md.ts';
import { summarizeVerify } from '../../pipeline/summarize-bench-report.ts';
import { renderBenchJson } from '../../reports/render-bench-json.ts';
import { renderBenchReport } from '../../reports/render-bench-report.ts';
import type { OptimizeContext } from '../optimize-context.ts';
import type { PhaseHandler, PhaseReport } from '../phase-handler.ts';
import { runTestCommand } from '../run-test-command.ts';
import { verifyReportName } from '../stored-bench-report.ts';
import { writeArtifact } from '../write-artifact.ts';

/**
 * VERIFY: checks exactly what COMMIT would commit. The validated change is committed in the trusted repository
 * as a candidate (its SHA names the head side of the report) and applied to a fresh worktree of the starting
 * commit; a second fresh worktree holds the starting commit itself. The tests run on the candidate; when they
 * pass, the engine compares the two trees interleaved, on this machine, with the perf.yml settings, and the
 * targets are judged on that comparison. Neither tree is the agents' worktree, so build outputs or files an
 * agent left outside the change cannot influence the result. `bots/perf-results.md` every time.
 */
export const verifyPhase: PhaseHandler = async (ctx, state) => {
  const iteration = state.iteration;
  const patch = await ctx.files.readPatch(iteration);
  await ctx.trusted.ensureCommit(ctx.start.sha);
  const candidate = await ctx.trusted.commitPatch({
    parent: ctx.start.sha,
    patch,
    message: `perfbot: candidate of iteration ${iteration}\n`,
    author: ctx.commitIdentity,
    date: ctx.now().toISOString(),
  });
  const baseTree = await ctx.workspace.createWorktree(`${ctx.runId}-base`, ctx.start.sha);
  try {
    const headTree = await ctx.workspace.createWorktree(`${ctx.runId}-head`, ctx.start.sha);
    try {
      await ctx.trusted.applyToDir(headTree.path, patch);
      return await verifyTrees(ctx, state, { base: baseTree.path, head: headTree.path, headSha: candidate.sha });
    } finally {
      await headTree.remove();
    }
  } finally {
    await baseTree.remove();
  }
};

async function verifyTrees(
  ctx: OptimizeContext,
  state: Parameters<PhaseHandler>[1],
  trees: { base: string; head: string; headSha: string },
): Promise<PhaseReport> {
  const iteration = state.iteration;
  const settings = benchSettingsFromConfig(ctx.config);
  const { maxIterations } = ctx.limits;
  const testCommand = ctx.config.test.command;
  // Tests may need the build the benchmark setup makes; the engine runs setup again on both sides (untimed).
  if (testCommand !== undefined && settings.setup !== undefined) {
    const setup = await runTestCommand({ command: settings.setup, cwd: trees.head, env: { ...ctx.childEnv, ...settings.env }, timeoutMs: settings.timeoutMs, signal: ctx.signal, label: 'benchmark.setup (run before the tests)' }, ctx.runProcess);
    if (setup.result === 'failed') return testsFailed(ctx, iteration, setup.output);
  }
  const tests = await runTestCommand({ command: testCommand, cwd: trees.head, env: ctx.childEnv, timeoutMs: ctx.testTimeoutMs, signal: ctx.signal }, ctx.runProcess);
  if (tests.result === 'failed') return testsFailed(ctx, iteration, tests.output);

  const report: BenchReport = await runBenchSession(
    {
      settings,
      base: { ref: ctx.start.ref, sha: ctx.start.sha, dir: trees.base },
      head: { ref: `${state.branch} (iteration ${iteration})`, sha: trees.headSha, dir: trees.head },
      env: ctx.childEnv,
      seed: ctx.seed + iteration,
      signal: ctx.signal,
    },
    { runProcess: ctx.runProcess, now: ctx.monotonicMs },
  );
  const evaluations = evaluateTargets(state.targets, report.comparisons, { geomean: report.geomean, confidence: report.method.confidence });
  const reportJson = `benchmark-after-${iteration}.json`;
  const preferred = preferredBenchmark(state.targets);
  const snapshot = summarizeVerify(report, { iteration, reportJsonPath: `bots/${reportJson}`, ...(preferred === undefined ? {} : { preferredBenchmark: preferred }) });
  await ctx.files.writeData(verifyReportName(iteration), report);
  await writeArtifact(ctx, reportJson, renderBenchJson(report));
  await writeArtifact(ctx, 'benchmark-after.txt', renderBenchReport(report));
  await writeArtifact(ctx, 'perf-results.md', renderPerfResultsMd({ iteration, maxIterations, tests: tests.result, evaluations, report }));
  const unmet = evaluations.filter((evaluation) => !evaluation.met).map((evaluation) => evaluation.explanation);
  return {
    outcome: { phase: 'verify', tests: tests.result, targetsMet: unmet.length === 0, unmet, snapshot },
    ...(unmet.length === 0 ? {} : { note: unmet.join('; ') }),
  };
}

async function testsFailed(ctx: OptimizeContext, iteration: number, output: string): Promise<PhaseReport> {
  const results = renderPerfResultsMd({ iteration, maxIterations: ctx.limits.maxIterations, tests: 'failed', testFailures: output, evaluations: [] });
  await writeArtifact(ctx, 'perf-results.md', results);
  return { outcome: { phase: 'verify', tests: 'failed', targetsMet: false, testFailures: output } };
}
