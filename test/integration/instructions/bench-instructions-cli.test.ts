import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupAll, commitFiles, createTempDir, createTempRepo, type TempRepo } from '../../helpers/git-fixtures.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { LOOP_C } from './loop-program.ts';

// `perfbot bench --measure instructions` as a user runs it: a real repository whose head makes the loop 1% longer,
// built by benchmark.setup and counted by cachegrind inside the sandbox. Wall time on this machine cannot see 1%
// in six pairs; the instruction count sees it in the first look.

const PERF_YML = `benchmark:
  setup: "cc -O1 -o loop loop.c"
  command: ["./loop"]
  format: time
  warmup: 0
`;

let repo: TempRepo;
let tmp: string;

beforeAll(async () => {
  repo = await createTempRepo({
    files: { 'loop.c': LOOP_C.replace('#define N 1000', '#define N 50000'), '.github/perf.yml': PERF_YML },
  });
  await repo.git('checkout', '-q', '-b', 'slower');
  await commitFiles(
    repo.dir,
    { 'loop.c': LOOP_C.replace('#define N 1000', '#define N 50500') },
    'one percent more iterations',
  );
  tmp = await createTempDir('perfbot-instructions-cli-');
});
afterAll(cleanupAll);

const env = () => ({ TMPDIR: tmp });
interface Row {
  benchmark: string;
  metric: string;
  change: number;
  base: { median: number };
  head: { median: number };
}
const row = (report: { comparisons: Row[] }, metric: string) =>
  report.comparisons.find((c) => c.benchmark === '(whole run)' && c.metric === metric)!;

describe('perfbot bench --measure instructions', () => {
  it('calls a 1% longer loop slower in the first look, with wall time reported beside it', async () => {
    const run = await runCli(
      ['bench', '--repo', repo.dir, '--base', 'main', '--head', 'slower', '--measure', 'instructions', '--json'],
      { env: env() },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0); // slower, but under the 5% regression gate
    const report = JSON.parse(run.stdout);
    expect(report.method.stoppedAt).toBe(6);
    expect(report.method.instructions).toMatchObject({
      counter: expect.stringMatching(/^(perf|cachegrind)$/),
      noiseBand: 0.001,
    });
    expect(report.method.instructions.startup).toBeUndefined();
    const instructions = row(report, 'instructions');
    expect(instructions).toMatchObject({ verdict: 'slower', unit: 'instructions' });
    expect(instructions.change).toBeGreaterThan(0.008);
    expect(instructions.change).toBeLessThan(0.011);
    expect(row(report, 'time')).toMatchObject({ unit: 'ns', base: { n: 6 } });
  });

  it('an A/A comparison is not flagged, and the Markdown says which counter and what counts ignore', async () => {
    const run = await runCli(
      ['bench', '--repo', repo.dir, '--base', 'main', '--head', 'main', '--measure', 'instructions', '--runs', '3'],
      { env: env() },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    // The gate sentence follows when a timed row of the A/A came out slower by chance (still under the gate).
    expect(run.stdout.split('\n')[0]).toMatch(
      /^⚪ \*\*No significant change\*\* on `\(whole run\)` \(noise band ±0\.1%\)\.( No slowdown exceeds the 5\.0% regression gate\.)?$/,
    );
    expect(run.stdout).toMatch(/^\| `\(whole run\)` \(`instructions`\) \|/m);
    expect(run.stdout).toMatch(
      /Verdicts are on instruction counts \((Valgrind cachegrind|perf stat \(hardware counter\))\), noise band ±0\.1%\. Instruction counts ignore cache misses, branch mispredictions and I\/O/,
    );
    expect(run.stdout).toContain('**Attributed to:** the whole process tree, nothing subtracted');
  });

  it('benchmark.measure in perf.yml does the same, and --measure time overrides it', async () => {
    const r = await createTempRepo({
      files: { 'loop.c': LOOP_C, '.github/perf.yml': `${PERF_YML}  measure: instructions\n  runs: 3\n` },
    });
    const counted = JSON.parse(
      (await runCli(['bench', '--repo', r.dir, '--base', 'main', '--head', 'main', '--json'], { env: env() })).stdout,
    );
    expect(counted.comparisons.map((c: { metric: string }) => c.metric)).toContain('instructions');
    const timed = JSON.parse(
      (
        await runCli(
          ['bench', '--repo', r.dir, '--base', 'main', '--head', 'main', '--measure', 'time', '--runs', '3', '--json'],
          { env: env() },
        )
      ).stdout,
    );
    expect(timed.comparisons.map((c: { metric: string }) => c.metric)).not.toContain('instructions');
    expect(timed.method.instructions).toBeUndefined();
  });

  it('subtracts a runtime’s start-up, measured once per side with an empty program, so 1% of the work is not diluted', async () => {
    // A stand-in for a runtime with a heavy start-up, built from C so it runs fast under cachegrind: it is called
    // `node`, so Perfbot treats it as Node (adds --single-threaded --predictable, calibrates with the empty script /dev/null). Its
    // start-up is 25x its work, which would dilute a 1% change in the work to 0.04% of the whole process.
    const runtime = `#include <string.h>
#ifndef WORK
#define WORK 20000
#endif
int main(int argc, char **argv) {
  volatile unsigned long sink = 0;
  for (long i = 0; i < 500000; i++) sink += (unsigned long)i ^ (sink >> 3);
  for (int a = 1; a < argc; a++) if (strcmp(argv[a], "/dev/null") == 0) return 0;
  for (long i = 0; i < WORK; i++) sink += (unsigned long)i ^ (sink >> 3);
  return 0;
}
`;
    const yml =
      'benchmark:\n  setup: "cc -O1 -o node runtime.c"\n  command: ["./node", "bench.js"]\n  format: time\n  warmup: 0\n  measure: instructions\n';
    const r = await createTempRepo({ files: { 'runtime.c': runtime, '.github/perf.yml': yml } });
    await r.git('checkout', '-q', '-b', 'slower');
    await commitFiles(
      r.dir,
      { 'runtime.c': runtime.replace('#define WORK 20000', '#define WORK 20200') },
      'one percent more work',
    );
    const run = await runCli(['bench', '--repo', r.dir, '--base', 'main', '--head', 'slower', '--json'], {
      env: env(),
    });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout);
    const { startup } = report.method.instructions;
    expect(startup).toMatchObject({ command: '["./node","--single-threaded","--predictable","/dev/null"]' });
    // The same runtime on both sides: equal but for a few instructions (the run's random environment padding).
    expect(Math.abs(startup.base - startup.head)).toBeLessThan(1000);
    expect(report.method.instructions.runtime).toContain('--single-threaded --predictable');
    const instructions = row(report, 'instructions');
    expect(startup.base).toBeGreaterThan(20 * instructions.base.median);
    // Whole-process counts would have moved by less than the 0.1% band: "unchanged" for a real 1% change.
    expect((instructions.head.median + startup.head) / (instructions.base.median + startup.base) - 1).toBeLessThan(
      0.001,
    );
    expect(instructions).toMatchObject({ verdict: 'slower' });
    expect(instructions.change).toBeGreaterThan(0.009);
    expect(instructions.change).toBeLessThan(0.011);
  });

  it('a command that fails only in its counted run: the error says it was the run under the counter, and what to do', async () => {
    // Each invocation is a plain run then a counted run: this command succeeds once per checkout, then exits 7.
    const yml =
      'benchmark:\n  command: "if [ -e ran ]; then echo second run >&2; exit 7; fi; touch ran"\n  format: time\n  warmup: 0\n  runs: 3\n  measure: instructions\n';
    const r = await createTempRepo({ files: { '.github/perf.yml': yml } });
    const run = await runCli(['bench', '--repo', r.dir, '--base', 'main', '--head', 'main'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('benchmark.command exited with code 7 on');
    expect(run.stderr).toMatch(/That was its run under the instruction counter \((perf|cachegrind), if \[ -e ran \]/);
    expect(run.stderr).toContain('needs benchmark.measure: time');
  });

  it('refuses with exit code 2 and the fix when neither perf nor valgrind is installed', async () => {
    // A real PATH that has git (the CLI needs it) but neither perf nor valgrind.
    const bin = path.join(tmp, 'bin-without-counters');
    await mkdir(bin, { recursive: true });
    await symlink('/usr/bin/git', path.join(bin, 'git')).catch(() => undefined);
    const run = await runCli(
      ['bench', '--repo', repo.dir, '--base', 'main', '--head', 'slower', '--measure', 'instructions'],
      { env: { ...env(), PATH: bin } },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'benchmark.measure is instructions, but this machine cannot count instructions: perf is not installed; valgrind is not installed',
    );
    expect(run.stderr).toContain('apt-get install valgrind');
    expect(run.stdout).toBe('');
  });

  it('a --measure that does not exist is a usage error naming the choices', async () => {
    const run = await runCli(['bench', '--repo', repo.dir, '--measure', 'cycles'], { env: env() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--measure: expected one of time, instructions, got "cycles"');
  });
});
