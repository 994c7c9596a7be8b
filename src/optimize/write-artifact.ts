import type { OptimizeContext } from './optimize-context.ts';

/** Writes `bots/<name>`: the durable copy the user reads, and the worktree's blackboard the agents read. */
export async function writeArtifact(
  ctx: Pick<OptimizeContext, 'files' | 'worktree'>,
  name: string,
  text: string,
): Promise<void> {
  await ctx.files.writeArtifact(name, text);
  await ctx.worktree.writeBot(name, text);
}
