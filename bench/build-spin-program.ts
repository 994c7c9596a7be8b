import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The compiled spin program plus one working directory per `factor` it should run with. */
export interface SpinProgram {
  binary: string;
  /** Creates `<root>/<name>/factor` and returns the directory. */
  makeSideDir: (name: string, factor: number) => string;
}

/** Compiles `bench/spin.c` with `cc -O1` into `root` (a fresh temp dir owned by the caller). */
export function buildSpinProgram(root: string): SpinProgram {
  const source = path.join(import.meta.dirname, 'spin.c');
  const binary = path.join(root, 'spin');
  execFileSync('cc', ['-O1', '-o', binary, source], { stdio: 'inherit' });
  return {
    binary,
    makeSideDir(name, factor) {
      const dir = path.join(root, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'factor'), `${factor}\n`);
      return dir;
    },
  };
}
