import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runProcess, type ProcessOptions } from '../../../src/benchmark/runner/run-process.ts';
import { daemonPid, firstLine, fixtureProgram, isAlive, processesWithCookie } from './process-probe.ts';

const PATH = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
const PRINT_COOKIE = 'echo "$PERFBOT_RUN_COOKIE"';

function run(command: ProcessOptions['command'], extra: Partial<ProcessOptions> = {}) {
  return runProcess({ command, cwd: os.tmpdir(), env: { PATH }, timeoutMs: 20_000, ...extra });
}

describe('runProcess kills the whole process tree', () => {
  it('on timeout: the command and its child are gone and the result says timedOut', async () => {
    const started = Date.now();
    const result = await run(`${PRINT_COOKIE}; sleep 1000 & echo "daemon $!"; sleep 1000`, { timeoutMs: 500 });
    expect(result).toMatchObject({ timedOut: true, aborted: false, exitCode: null, signal: 'SIGTERM' });
    expect(result.survivingProcesses).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(isAlive(daemonPid(result.stdout))).toBe(false);
    expect(processesWithCookie(firstLine(result.stdout))).toEqual([]);
  });

  it('including a child that escaped into its own session with setsid', async () => {
    const result = await run(`${PRINT_COOKIE}; setsid sleep 1000 & echo "daemon $!"; sleep 1000`, { timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(isAlive(daemonPid(result.stdout))).toBe(false);
    expect(processesWithCookie(firstLine(result.stdout))).toEqual([]);
  });

  it('on abort through the AbortSignal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await run(`${PRINT_COOKIE}; sleep 1000 & sleep 1000`, { signal: controller.signal });
    expect(result).toMatchObject({ aborted: true, timedOut: false, exitCode: null, survivingProcesses: 0 });
    expect(processesWithCookie(firstLine(result.stdout))).toEqual([]);
  });

  it('does not start at all when the signal is already aborted', async () => {
    const result = await run(['touch', 'should-not-exist'], { signal: AbortSignal.abort() });
    expect(result).toMatchObject({ aborted: true, exitCode: null, wallNs: 0 });
  });

  it('after a normal exit: a daemon left behind (holding our stdout open) is reaped', async () => {
    const daemon = `"${process.execPath}" "${fixtureProgram('spawn-detached.mjs')}" keep-stdio exit`;
    const result = await run(`${PRINT_COOKIE}; ${daemon}`);
    expect(result).toMatchObject({ exitCode: 0, timedOut: false, survivingProcesses: 0 });
    expect(isAlive(daemonPid(result.stdout))).toBe(false);
    expect(processesWithCookie(firstLine(result.stdout))).toEqual([]);
  });

  it('after a normal exit: a double-forked daemon, re-parented to init at once, is found by its cookie', async () => {
    // The intermediate shell exits right after forking, so the daemon's parent is init before the
    // runner's next scan: only the inherited cookie still ties it to the run.
    const result = await run(`${PRINT_COOKIE}; sleep 0.1; setsid sh -c 'sleep 1000 & echo "daemon $!"'; sleep 0.3`);
    expect(result.exitCode).toBe(0);
    expect(isAlive(daemonPid(result.stdout))).toBe(false);
    expect(processesWithCookie(firstLine(result.stdout))).toEqual([]);
  });

  it('after a normal exit: a daemon started with an empty environment (no cookie) is found through its parent', async () => {
    const result = await run([process.execPath, fixtureProgram('spawn-detached.mjs'), 'quiet', 'exit', 'env-i']);
    expect(result.exitCode).toBe(0);
    expect(isAlive(daemonPid(result.stdout))).toBe(false);
  });

  it('with SIGKILL when processes ignore SIGTERM', async () => {
    // Ignored signals stay ignored across fork and exec, so every `sleep` ignores SIGTERM too;
    // only the wrapper shell above them dies of SIGTERM.
    const command = `${PRINT_COOKIE}; trap "" TERM; while :; do sleep 0.05; done`;
    const result = await run(command, { timeoutMs: 300, killGraceMs: 200 });
    expect(result).toMatchObject({ timedOut: true, signal: 'SIGTERM', survivingProcesses: 0 });
    expect(processesWithCookie(firstLine(result.stdout))).toEqual([]);
  });
});
