import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startAppHarness, type AppHarness } from '../../helpers/app-harness.ts';
import { cleanupAll, createTempDir } from '../../helpers/git-fixtures.ts';
import { LOOP_C } from './loop-program.ts';

// `/perf bench` through the whole app (webhook, queue, worker, sandbox, report) with `measure: instructions` in
// the default branch's perf.yml: a 1% longer loop is reported on its instruction count, and a worker that cannot
// count says so in the pull request instead of running anything.

const PERF_YML = `benchmark:
  setup: "cc -O1 -o loop loop.c"
  command: ["./loop"]
  format: time
  warmup: 0
  measure: instructions
`;
const files = (n: number) => ({ 'loop.c': LOOP_C.replace('#define N 1000', `#define N ${n}`) });

let harness: AppHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await cleanupAll();
});

describe('/perf bench with benchmark.measure: instructions', () => {
  it('reports the 1% longer loop on its instruction count, names the counter, and keeps wall time beside it', async () => {
    harness = await startAppHarness({ perfYml: PERF_YML, baseFiles: files(50_000), headFiles: files(50_500) });
    await harness.comment('/perf bench');
    const check = await eventually(
      'a completed perf check run',
      () => harness!.fake.repo.checkRuns.find((r) => r.name === 'perf' && r.status === 'completed'),
      harness,
      90_000,
    );
    expect(check.conclusion).toBe('success'); // slower, but under the 5% regression gate
    const body = harness.statusComments().at(-1)!.body;
    expect(body).toMatch(/🔴 \*\*Head runs 0\.\d% more instructions\*\* on `\(whole run\)`/);
    expect(body).toMatch(/^\| `\(whole run\)` \(`instructions`\) \|.*\| 🔴 worse \|$/m);
    expect(body).toMatch(/Verdicts are on instruction counts \((Valgrind cachegrind|perf stat \(hardware counter\))\)/);
    expect(body).toContain('Instruction counts ignore cache misses, branch mispredictions and I/O');
    expect(body).toMatch(/^\| `\(whole run\)` \|/m); // the wall-time row
    harness.fake.assertNoUnexpected();
  }, 120_000);

  it('a worker without perf or valgrind posts the refusal with the fix, and fails the check run', async () => {
    // The worker's own PATH has git and nothing to count with (real, not mocked: the binaries are not there).
    const bin = path.join(await createTempDir('perfbot-no-counters-'), 'bin');
    await mkdir(bin);
    await symlink('/usr/bin/git', path.join(bin, 'git'));
    harness = await startAppHarness({
      perfYml: PERF_YML,
      baseFiles: files(1000),
      headFiles: files(1010),
      env: { PATH: bin },
    });
    await harness.comment('/perf bench');
    const check = await eventually(
      'a completed perf check run',
      () => harness!.fake.repo.checkRuns.find((r) => r.name === 'perf' && r.status === 'completed'),
      harness,
      60_000,
    );
    expect(check.conclusion).toBe('failure');
    const body = harness.statusComments().at(-1)!.body;
    expect(body).toContain('❌ **Perfbot could not finish the run**');
    expect(body).toContain('this machine cannot count instructions: perf is not installed; valgrind is not installed');
    expect(body).toContain('apt-get install valgrind');
    expect(body).toContain('set benchmark.measure to time');
    // The job finishes failing just after its last GitHub write: it leaves the live runs soon after, and for good.
    const h = harness;
    await eventually('the refused run to leave the live runs', async () => (await h.liveRuns()).length === 0, h);
  }, 90_000);
});
