import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/** A C program that runs exactly N iterations of a loop the compiler cannot remove: N from argv, or -DN=… at build. */
export const LOOP_C = `#include <stdlib.h>
#ifndef N
#define N 1000
#endif
int main(int argc, char **argv) {
  volatile unsigned long sink = 0;
  long n = argc > 1 ? atol(argv[1]) : N;
  for (long i = 0; i < n; i++) sink += (unsigned long)i ^ (sink >> 3);
  return 0;
}
`;

/** Compiles LOOP_C with `cc -O1` into `dir/loop` and returns its path. */
export async function buildLoop(dir: string): Promise<string> {
  const source = path.join(dir, 'loop.c');
  await writeFile(source, LOOP_C);
  const binary = path.join(dir, 'loop');
  await promisify(execFile)('cc', ['-O1', '-o', binary, source]);
  return binary;
}
