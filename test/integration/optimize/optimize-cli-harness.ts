import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runOptimizeCommand } from '../../../src/cli/run-optimize-command.ts';
import { PipelineState } from '../../../src/pipeline/pipeline-state.ts';
import type { OptimizeFixture } from './optimize-fixture.ts';

export interface OptimizeRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `perfbot optimize` in this process (the command function the CLI calls), on the fixture's repository. */
export async function optimize(fixture: OptimizeFixture, extra: string[] = []): Promise<OptimizeRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    isTty: false,
  };
  const args = ['--repo', fixture.repo.dir, '--agents-config', fixture.agentsConfig, '--seed', '7', ...extra];
  const code = await runOptimizeCommand(args, io, fixture.env);
  return { code, stdout, stderr };
}

/** The checkpoint file as the runner saved it, validated. */
export async function readCheckpoint(fixture: OptimizeFixture): Promise<PipelineState> {
  return PipelineState.parse(JSON.parse(await readFile(path.join(fixture.runDir, 'checkpoint.json'), 'utf8')));
}

/** `phase: outcome` of every history entry. */
export function historyOf(state: PipelineState): string[] {
  return state.history.map((entry) => `${entry.phase}: ${entry.outcome}`);
}
