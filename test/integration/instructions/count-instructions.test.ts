import { mkdtemp, readdir, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCountingRunner } from '../../../src/benchmark/instructions/create-counting-runner.ts';
import { detectInstructionCounter } from '../../../src/benchmark/instructions/detect-instruction-counter.ts';
import { InstructionCounterUnavailableError } from '../../../src/domain/errors.ts';
import type { InstructionCounter } from '../../../src/benchmark/instructions/instruction-counter.ts';
import { buildChildEnv } from '../../../src/benchmark/runner/build-child-env.ts';
import { createSandbox } from '../../../src/sandbox/create-sandbox.ts';
import { buildLoop } from './loop-program.ts';

// Counting through the real sandbox (bubblewrap) with the real cachegrind, on a program whose instruction count
// we control. Valgrind is ~50× slower than the program, so N stays small: each run takes a fraction of a second.

const sandbox = createSandbox({ mode: 'bubblewrap' });
const env = buildChildEnv(process.env);
const valgrind: InstructionCounter = { kind: 'cachegrind', program: '/usr/bin/valgrind' };
let dir: string;
let loop: string;

beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'perfbot-instructions-')));
  loop = await buildLoop(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const count = async (command: string | string[], counter = valgrind) => {
  const result = await createCountingRunner(sandbox.run, counter)({ command, cwd: dir, env, timeoutMs: 60_000 });
  return result;
};
const instructions = async (n: number) => {
  const result = await count([loop, String(n)]);
  if (result.instructions === undefined) throw new Error(`not counted: ${result.countProblem}; ${result.outputTail}`);
  return result.instructions;
};

describe('counting instructions with cachegrind inside the sandbox', () => {
  it('counts exactly linearly in N, and a 1% longer loop counts exactly 1% more loop instructions', async () => {
    // Arguments of the same length, so start-up (which parses argv) is identical and only the loop differs.
    const [ten, n, twice, onePercentMore] = await Promise.all([
      instructions(10_000),
      instructions(20_000),
      instructions(40_000),
      instructions(20_200),
    ]);
    const perIteration = (n - ten) / 10_000;
    expect(perIteration).toBeGreaterThanOrEqual(3);
    expect(Number.isInteger(perIteration)).toBe(true);
    expect(twice - n).toBe(2 * (n - ten));
    expect(onePercentMore - n).toBe(200 * perIteration);
    // The same run twice: the same count to the instruction (a native program is deterministic).
    expect(await instructions(20_000)).toBe(n);
  });

  it('sums every process of the tree (a shell that runs the loop twice counts both) and removes its out folder', async () => {
    const one = await instructions(20_000);
    const shell = await count(`${loop} 20000 && ${loop} 20000`);
    expect(shell.exitCode).toBe(0);
    // Two loops plus the shell itself.
    expect(shell.instructions).toBeGreaterThan(2 * one);
    expect(shell.instructions).toBeLessThan(2 * one + 2_000_000);
    expect((await readdir(dir)).filter((name) => name.startsWith('.perfbot-instructions-'))).toEqual([]);
  });

  it('treats the out folder as untrusted: a planted symlink is refused, not followed', async () => {
    // The benchmark finds the counter's folder in its worktree and plants a link to a host file in it.
    const hostile = await count(`for d in .perfbot-instructions-*; do ln -s /etc/passwd "$d/cg.1"; done && ${loop} 10`);
    expect(hostile.exitCode).toBe(0);
    expect(hostile.instructions).toBeUndefined();
    expect(hostile).toMatchObject({ countProblem: "the counter's output file cg.1 is a symbolic link" });
    const forged = await count(
      `for d in .perfbot-instructions-*; do printf 'events: Ir\\nsummary: 99999999999\\n' > "$d/cg.x"; done; ${loop} 10`,
    );
    expect(forged).toMatchObject({ exitCode: 0 });
    // A forged file with the right shape is counted like any other: the run could also just loop longer, so the
    // count is the run's own claim, exactly as its wall time is. What it cannot do is make Perfbot read a host file.
    expect(forged.instructions).toBeGreaterThan(99_999_999_999);
  });
});

describe('choosing the counter at start', () => {
  it('falls back to cachegrind where perf cannot count (no PMU here), or uses perf where it can', async () => {
    const counter = await detectInstructionCounter({ run: sandbox.run, searchPath: '/usr/bin:/bin', cwd: dir, env });
    expect(['perf', 'cachegrind']).toContain(counter.kind);
    expect(counter.program).toMatch(/^\/usr\/bin\/(perf|valgrind)$/);
  });

  it('refuses with the fix when neither perf nor valgrind is on the PATH', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'perfbot-empty-path-'));
    try {
      const detecting = detectInstructionCounter({ run: sandbox.run, searchPath: empty, cwd: dir, env });
      await expect(detecting).rejects.toBeInstanceOf(InstructionCounterUnavailableError);
      await expect(detecting).rejects.toThrow(
        /perf is not installed; valgrind is not installed.*apt-get install valgrind/,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
