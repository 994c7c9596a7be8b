import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reapOrphans } from '../../../src/benchmark/runner/reap-orphans.ts';
import { readEnvironValue } from '../../../src/benchmark/runner/proc-fs.ts';
import { RUN_COOKIE_VARIABLE, runProcess } from '../../../src/benchmark/runner/run-process.ts';
import { processesWith } from '../../helpers/find-processes.ts';

const RUN_PROCESS = path.resolve(import.meta.dirname, '../../../src/benchmark/runner/run-process.ts');
const PATH = process.env.PATH ?? '/usr/bin:/bin';
// How the sleeps look in /proc/<pid>/cmdline (arguments are NUL-separated there).
const ORPHAN = 'sleep\u00003017';
const LIVE = 'sleep\u00003019';

const waitFor = async (what: string, probe: () => Promise<boolean>) => {
  const deadline = Date.now() + 15_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const live = new AbortController();
afterEach(async () => {
  live.abort();
  for (const pid of [...(await processesWith(ORPHAN)), ...(await processesWith(LIVE))]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

describe('reapOrphans', () => {
  it("kills what a worker that was killed left running, and leaves a live worker's runs alone", async () => {
    // A "worker": a real Node process whose runner starts a command that forks, then the worker is SIGKILLed,
    // so its runner never cleans up, as when the machine's OOM killer picks it.
    const worker = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { runProcess } = await import(${JSON.stringify(RUN_PROCESS)});
await runProcess({ command: ['sh', '-c', 'sleep 3017 & sleep 3017'], cwd: ${JSON.stringify(os.tmpdir())}, env: { PATH: ${JSON.stringify(PATH)} }, timeoutMs: 600000 });`,
      ],
      { stdio: 'ignore' },
    );
    const ofWorker = async () =>
      (await processesWith(ORPHAN)).filter((pid) =>
        readEnvironValue(pid, RUN_COOKIE_VARIABLE)?.startsWith(`${worker.pid}.`),
      );
    await waitFor("the dead worker's commands", async () => (await ofWorker()).length === 2);
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker.once('exit', resolve));
    expect(await ofWorker()).toHaveLength(2); // they outlive it

    // This process is a live worker with a run of its own.
    const running = runProcess({
      command: ['sh', '-c', 'sleep 3019'],
      cwd: os.tmpdir(),
      env: { PATH },
      timeoutMs: 600_000,
      signal: live.signal,
    });
    await waitFor("the live worker's command", async () => (await processesWith(LIVE)).length > 0);

    const reaped = reapOrphans();
    expect(reaped.map((orphan) => orphan.owner.split('.')[0])).toContain(String(worker.pid));
    await waitFor('the orphans to be gone', async () => (await ofWorker()).length === 0);
    expect((await processesWith(LIVE)).length).toBeGreaterThan(0);
    live.abort();
    await running;
  }, 30_000);
});
