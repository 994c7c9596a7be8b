import { createHash } from 'node:crypto';

/** SHA-256 (hex) of a patch's bytes exactly as `RunFiles.writePatch` writes them (UTF-8). */
export function patchSha256(patch: string): string {
  return createHash('sha256').update(patch, 'utf8').digest('hex');
}
