import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Why a command cannot start, checked before spawning so the user reads "command not found: foo
 * (searched PATH=…)" instead of a shell's or libuv's ENOENT. Returns undefined when it can start.
 * The PATH used is the child's, since that is what the program lookup will use.
 */
export function findLaunchProblem(
  argv: readonly string[],
  cwd: string,
  childPath: string | undefined,
): string | undefined {
  if (!isDirectory(cwd)) return `working directory does not exist or is not a directory: ${cwd}`;
  const program = argv[0];
  if (program === undefined || program === '') return 'no command given (empty argv)';
  if (program.includes('/')) {
    const file = path.resolve(cwd, program);
    return isExecutableFile(file) ? undefined : `command not found or not executable: ${program} (resolved to ${file})`;
  }
  // Without a PATH bash falls back to its built-in default path; let it decide.
  if (childPath === undefined) return undefined;
  return findOnPath(program, childPath, cwd) ? undefined : `command not found: ${program} (searched PATH=${childPath})`;
}

/** The absolute path `program` (a bare name) resolves to on `searchPath`, as execvp would find it, or undefined. */
export function findOnPath(program: string, searchPath: string, cwd: string): string | undefined {
  for (const dir of searchPath.split(':')) {
    const file = path.resolve(cwd, dir || '.', program);
    if (isExecutableFile(file)) return file;
  }
  return undefined;
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
