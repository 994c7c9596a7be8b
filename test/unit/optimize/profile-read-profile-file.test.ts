import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProfileFormatError } from '../../../src/domain/errors.ts';
import { MAX_PROFILE_BYTES, readProfileFile } from '../../../src/optimize/profile/read-profile-file.ts';
import { cleanupAll, createTempDir } from '../../helpers/git-fixtures.ts';

afterAll(cleanupAll);

/** The error reading `file` fails with (the test fails if it does not). */
async function failureOf(file: string): Promise<Error> {
  const outcome = await readProfileFile(file).then(
    () => undefined,
    (error: unknown) => error as Error,
  );
  if (outcome === undefined) throw new Error(`${file} was read`);
  return outcome;
}

describe('readProfileFile: a file the profiled code could have replaced', () => {
  it('reads a regular file', async () => {
    const dir = await createTempDir();
    await writeFile(path.join(dir, 'a.cpuprofile'), '{"nodes":[]}');
    expect(await readProfileFile(path.join(dir, 'a.cpuprofile'))).toBe('{"nodes":[]}');
  });

  it('refuses a symbolic link, so the benchmark cannot make Perfbot read one of the worker’s files into a prompt', async () => {
    const dir = await createTempDir();
    const secret = path.join(dir, 'secret.txt');
    await writeFile(secret, 'worker secret');
    await symlink(secret, path.join(dir, 'b.cpuprofile'));
    const error = await failureOf(path.join(dir, 'b.cpuprofile'));
    expect(error).toBeInstanceOf(ProfileFormatError);
    expect(error.message).toBe('the profile file b.cpuprofile is a symbolic link');
  });

  it('refuses a folder and a file over the size cap, naming the file but not the host path', async () => {
    const dir = await createTempDir();
    await mkdir(path.join(dir, 'c.cpuprofile'));
    await expect(readProfileFile(path.join(dir, 'c.cpuprofile'))).rejects.toThrow(
      'the profile file c.cpuprofile is not a regular file',
    );
    // A sparse file: the size is checked before anything is read.
    await writeFile(path.join(dir, 'd.cpuprofile'), '');
    await truncate(path.join(dir, 'd.cpuprofile'), MAX_PROFILE_BYTES + 1);
    const error = await failureOf(path.join(dir, 'd.cpuprofile'));
    expect(error).toBeInstanceOf(ProfileFormatError);
    expect(error.message).toBe('the profile file d.cpuprofile is larger than 64 MiB');
  });
});
