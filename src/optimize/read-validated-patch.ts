import { PatchIntegrityError } from '../domain/errors.ts';
import type { PipelineState } from '../pipeline/pipeline-state.ts';
import { patchSha256 } from './patch-sha256.ts';
import type { RunFiles } from './run-files.ts';

/** The checkpoint fields that name a stored change and the SHA-256 it was validated with. */
export type ChangeRef = Pick<PipelineState, 'iteration' | 'patchSha256' | 'changeIteration'>;

/**
 * The change the checkpoint stands on (`change-<n>.patch` of `changeIteration`, else of the latest iteration; ''
 * before the first OPTIMIZE or when the run went back to the starting commit), refused unless
 * its SHA-256 is the one OPTIMIZE recorded in the checkpoint when it validated and wrote it. Callers use the
 * returned text, never the file again, so what was checked is what is used.
 * @throws PatchIntegrityError `changed` or `unrecorded`.
 */
export async function readValidatedPatch(files: RunFiles, state: ChangeRef): Promise<string> {
  const iteration = state.changeIteration ?? state.iteration;
  if (iteration === 0) return '';
  const patch = await files.readPatch(iteration);
  const name = `change-${iteration}.patch`;
  if (state.patchSha256 === undefined) {
    throw new PatchIntegrityError(
      `the checkpoint records no SHA-256 for ${name}, so Perfbot cannot tell whether it is the change it validated and will not use it; run /perf optimize again`,
      'unrecorded',
      iteration,
    );
  }
  const actual = patchSha256(patch);
  if (actual !== state.patchSha256) {
    throw new PatchIntegrityError(
      `${name} changed after it was validated (SHA-256 ${actual.slice(0, 12)}…, validated ${state.patchSha256.slice(0, 12)}…): ` +
        "something other than Perfbot rewrote the run's files, so nothing was built or pushed from it; run /perf optimize again",
      'changed',
      iteration,
    );
  }
  return patch;
}
