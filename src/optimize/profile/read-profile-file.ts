import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { ProfileFormatError } from '../../domain/errors.ts';

/** A CPU profile of a long benchmark is a few MiB; more is refused rather than parsed. */
export const MAX_PROFILE_BYTES = 64 * 2 ** 20;

/**
 * Reads one profile file the profiled run wrote, after the run ended (nothing in the sandbox is alive to swap
 * it). The folder was writable by that run, so symbolic links, devices and FIFOs are refused (`O_NOFOLLOW`,
 * regular files only) — a link could otherwise make Perfbot read one of the worker's own files into a prompt —
 * and a file over `MAX_PROFILE_BYTES` is refused. Messages name the file, never the host path.
 */
export async function readProfileFile(file: string): Promise<string> {
  const name = path.basename(file);
  const handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(
    (error: NodeJS.ErrnoException) => {
      throw new ProfileFormatError(
        error.code === 'ELOOP'
          ? `the profile file ${name} is a symbolic link`
          : `the profile file ${name} could not be opened (${error.code ?? 'error'})`,
      );
    },
  );
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ProfileFormatError(`the profile file ${name} is not a regular file`);
    if (stat.size > MAX_PROFILE_BYTES)
      throw new ProfileFormatError(`the profile file ${name} is larger than ${MAX_PROFILE_BYTES / 2 ** 20} MiB`);
    const buffer = Buffer.alloc(stat.size);
    await handle.read(buffer, 0, stat.size, 0);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
