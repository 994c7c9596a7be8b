import { benchSettingsFromConfig } from '../../benchmark/bench-settings-from-config.ts';
import { createSideHome } from '../../sandbox/sandbox.ts';
import { isolateBenchmarkRuns } from '../isolate-benchmark-runs.ts';
import { measureBaseline } from '../measure-baseline.ts';
import type { PhaseHandler } from '../phase-handler.ts';
import { profileBaseline } from '../profile/profile-baseline.ts';
import { renderBaselineMd } from '../render-baseline-md.ts';
import { summarizeBaselineMeasurement } from '../summarize-baseline-measurement.ts';
import { writeArtifact } from '../write-artifact.ts';
import { writePerfTargets } from '../write-perf-targets.ts';

const REPORT_JSON = 'benchmark-before.json';

/**
 * BENCHMARK: measures the starting commit in a clean worktree of its own (not the agents' worktree, which
 * build outputs would pollute) and writes `bots/benchmark-before.txt` and `.json`, and `bots/perf-targets.md`
 * again with these figures as the current ones; then profiles the commit once (`bots/profile.txt`, see
 * `profileBaseline`), with the home its setup filled.
 */
export const benchmarkPhase: PhaseHandler = async (ctx, state) => {
  const tree = await ctx.workspace.createWorktree(`${ctx.runId}-base`, ctx.start.sha);
  const settings = benchSettingsFromConfig(ctx.config);
  // As in VERIFY: every run starts from the same files, so the "before" figures are not flattered either.
  const isolated = isolateBenchmarkRuns(ctx.runProcess, settings.setup);
  const home = await createSideHome('baseline');
  try {
    const measurement = await measureBaseline(
      { settings, dir: tree.path, env: ctx.childEnv, signal: ctx.signal, home: home.dir },
      isolated.runProcess,
    );
    await writeArtifact(ctx, REPORT_JSON, `${JSON.stringify({ sha: ctx.start.sha, ...measurement }, null, 2)}\n`);
    await writeArtifact(ctx, 'benchmark-before.txt', renderBaselineMd(measurement, ctx.start.sha));
    const baseline = summarizeBaselineMeasurement(measurement, ctx.start.sha, `bots/${REPORT_JSON}`);
    await writePerfTargets(ctx, state, baseline);
    await profileBaseline(ctx, { settings, dir: tree.path, home: home.dir });
    return { outcome: { phase: 'benchmark', baseline } };
  } finally {
    await isolated.dispose();
    await home.remove();
    await tree.remove();
  }
};
