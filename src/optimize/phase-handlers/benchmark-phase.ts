import { benchSettingsFromConfig } from '../../benchmark/bench-settings-from-config.ts';
import { measureBaseline } from '../measure-baseline.ts';
import type { PhaseHandler } from '../phase-handler.ts';
import { renderBaselineMd } from '../render-baseline-md.ts';
import { summarizeBaselineMeasurement } from '../summarize-baseline-measurement.ts';
import { writeArtifact } from '../write-artifact.ts';

const REPORT_JSON = 'benchmark-before.json';

/**
 * BENCHMARK: measures the starting commit in a clean worktree of its own (not the agents' worktree, which
 * build outputs would pollute) and writes `bots/benchmark-before.txt` and `.json`.
 */
export const benchmarkPhase: PhaseHandler = async (ctx) => {
  const tree = await ctx.workspace.createWorktree(`${ctx.runId}-base`, ctx.start.sha);
  try {
    const measurement = await measureBaseline(
      { settings: benchSettingsFromConfig(ctx.config), dir: tree.path, env: ctx.childEnv, signal: ctx.signal },
      ctx.runProcess,
    );
    await writeArtifact(ctx, REPORT_JSON, `${JSON.stringify({ sha: ctx.start.sha, ...measurement }, null, 2)}\n`);
    await writeArtifact(ctx, 'benchmark-before.txt', renderBaselineMd(measurement, ctx.start.sha));
    const baseline = summarizeBaselineMeasurement(measurement, ctx.start.sha, `bots/${REPORT_JSON}`);
    return { outcome: { phase: 'benchmark', baseline } };
  } finally {
    await tree.remove();
  }
};
