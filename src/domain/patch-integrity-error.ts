import { PerfbotError } from './errors.ts';

/**
 * Why a stored change may not be used:
 * - `changed`: the file's SHA-256 is not the one OPTIMIZE recorded when it validated and wrote it;
 * - `unrecorded`: the checkpoint holds no SHA-256 for it (a checkpoint from before hashes were kept);
 * - `invalid`: what would be committed breaks the diff rules (`validateDiff`, `optimize.allowedPaths`).
 */
export const PATCH_INTEGRITY_PROBLEMS = ['changed', 'unrecorded', 'invalid'] as const;
export type PatchIntegrityProblem = (typeof PATCH_INTEGRITY_PROBLEMS)[number];

/**
 * The change of an iteration (`change-<n>.patch`) is not the change Perfbot validated, so nothing is built,
 * measured or pushed from it. Run files sit where untrusted code (tests, benchmarks, agents) can write, so this
 * is what an attempt to smuggle a change past the diff rules looks like. A user error: retrying cannot help;
 * a new `/perf optimize` starts from a clean run.
 */
export class PatchIntegrityError extends PerfbotError {
  readonly userError = true;
  constructor(
    message: string,
    readonly problem: PatchIntegrityProblem,
    readonly iteration: number,
    readonly violations: ReadonlyArray<{ path: string; reason: string }> = [],
  ) {
    super(message);
  }
}
