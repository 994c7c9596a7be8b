import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCountingRunner } from '../../../src/benchmark/instructions/create-counting-runner.ts';
import { findOnPath } from '../../../src/benchmark/runner/find-launch-problem.ts';
import { buildChildEnv } from '../../../src/benchmark/runner/build-child-env.ts';
import { createSandbox } from '../../../src/sandbox/create-sandbox.ts';
import { buildLoop } from './loop-program.ts';

// perf stat counts with the CPU's own counter, which VMs and most hosted CI do not expose. The probe below is the
// same one the engine runs at start; without a counter these tests are skipped and the reason is printed.

const sandbox = createSandbox({ mode: 'bubblewrap' });
const env = buildChildEnv(process.env);
const perf = findOnPath('perf', '/usr/local/bin:/usr/bin:/bin', '/');
const probeDir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'perfbot-perf-probe-')));
const probe =
  perf === undefined
    ? undefined
    : await createCountingRunner(sandbox.run, { kind: 'perf', program: perf })({
        command: ['/bin/true'],
        cwd: probeDir,
        env,
        timeoutMs: 30_000,
      });
await rm(probeDir, { recursive: true, force: true });
const skipReason =
  perf === undefined
    ? 'perf is not installed (Debian: apt-get install linux-perf)'
    : probe?.instructions === undefined
      ? `perf stat cannot count instructions:u here: ${probe?.instructions === undefined ? probe?.countProblem : ''} (no cpu PMU under /sys/bus/event_source/devices: a VM without counters)`
      : undefined;
if (skipReason !== undefined) console.warn(`[perf-stat.test] skipped: ${skipReason}`);

let dir: string;
let loop: string;
beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'perfbot-perf-')));
  loop = await buildLoop(dir);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe.skipIf(skipReason !== undefined)('counting instructions with perf stat inside the sandbox', () => {
  it('counts more for a longer loop, close to linearly (hardware counts vary by a few hundred instructions)', async () => {
    const run = createCountingRunner(sandbox.run, { kind: 'perf', program: perf! });
    const count = async (n: number) =>
      (await run({ command: [loop, String(n)], cwd: dir, env, timeoutMs: 30_000 })).instructions!;
    const [one, two, three] = [await count(1_000_000), await count(2_000_000), await count(3_000_000)];
    expect(two).toBeGreaterThan(one);
    // Each extra million iterations adds the same count, to within 1%.
    expect(Math.abs(three - two - (two - one)) / (two - one)).toBeLessThan(0.01);
  });
});
