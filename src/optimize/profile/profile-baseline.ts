import type { BenchSettings } from '../../benchmark/bench-settings.ts';
import type { OptimizeContext } from '../optimize-context.ts';
import type { RunFiles } from '../run-files.ts';
import { writeArtifact } from '../write-artifact.ts';
import { BaselineProfile, PROFILE_ARTIFACT, PROFILE_DATA } from './baseline-profile.ts';
import { takeBaselineProfile } from './take-baseline-profile.ts';

/**
 * BENCHMARK's last step: profiles the starting commit once, after its figures are measured (never among the
 * measured runs, whose times the profiler would slow down), and keeps the result for every ANALYZE round
 * (`profile.json`) and for the user (`bots/profile.txt`, the summary or why there is none).
 */
export async function profileBaseline(
  ctx: Pick<OptimizeContext, 'config' | 'start' | 'childEnv' | 'signal' | 'runProcess' | 'files' | 'worktree'>,
  input: { settings: BenchSettings; dir: string; home: string },
): Promise<BaselineProfile> {
  const profile = await takeBaselineProfile(
    { ...input, profile: ctx.config.benchmark?.profile, sha: ctx.start.sha, env: ctx.childEnv, signal: ctx.signal },
    ctx.runProcess,
  );
  await ctx.files.writeData(PROFILE_DATA, profile);
  await writeArtifact(ctx, PROFILE_ARTIFACT, profile.status === 'taken' ? profile.text : `${profile.reason}\n`);
  return profile;
}

/** The profile BENCHMARK kept; a run checkpointed before profiles existed has none, and says so. */
export async function readBaselineProfile(files: Pick<RunFiles, 'readData'>): Promise<BaselineProfile> {
  return (
    (await files.readData(PROFILE_DATA, BaselineProfile)) ?? {
      status: 'missing',
      reason: 'no profile was taken in this run',
    }
  );
}
