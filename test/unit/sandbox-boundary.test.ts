import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// "One way to run untrusted code": only the sandbox may start processes through the runner, and only the runner
// (and the sandbox's one-off probe) may use child_process. git runs through simple-git in src/workspace/.

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (entry.name.endsWith('.ts')) files.push(full);
  }
  return files;
}

async function filesMatching(pattern: RegExp): Promise<string[]> {
  const found: string[] = [];
  for (const file of await sourceFiles(SRC)) {
    if (pattern.test(await readFile(file, 'utf8'))) found.push(path.relative(SRC, file));
  }
  return found.sort();
}

describe('the sandbox boundary', () => {
  it('only src/sandbox/ calls runProcess (every other module gets the sandbox’s runner passed in)', async () => {
    expect(await filesMatching(/^import \{[^}]*\brunProcess\b[^}]*\} from .*run-process\.ts';$/m)).toEqual([
      'sandbox/bubblewrap-sandbox.ts',
      'sandbox/create-sandbox.ts',
    ]);
  });

  it('only the runner, the sandbox’s probe and the run-isolation copier use child_process', async () => {
    // snapshot-dir runs one trusted program with a fixed argv (`cp -a` between Perfbot's own folders), never
    // anything a repository names; every command from a repository or an agent goes through the runner.
    expect(await filesMatching(/from 'node:child_process'/)).toEqual([
      'benchmark/runner/run-process.ts',
      'optimize/snapshot-dir.ts',
      'sandbox/bubblewrap-sandbox.ts',
    ]);
  });
});
