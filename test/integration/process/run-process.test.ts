import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcess, type ProcessOptions } from '../../../src/benchmark/runner/run-process.ts';

const PATH = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(path.join(os.tmpdir(), 'perfbot-run-process-'));
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

function run(command: ProcessOptions['command'], extra: Partial<ProcessOptions> = {}) {
  return runProcess({ command, cwd, env: { PATH }, timeoutMs: 20_000, ...extra });
}

describe('runProcess', () => {
  it('reports the exit code of an argv command and of a string command', async () => {
    expect((await run(['sh', '-c', 'exit 3'])).exitCode).toBe(3);
    expect((await run(['true'])).exitCode).toBe(0);
    const result = await run('echo out; echo err >&2; exit 4');
    expect(result).toMatchObject({ exitCode: 4, signal: null, timedOut: false, aborted: false });
    expect([result.stdout, result.stderr]).toEqual(['out\n', 'err\n']);
  });

  it('passes argv verbatim: no word splitting, globbing, expansion or command chaining', async () => {
    const result = await run(['printf', '%s|', 'a b; echo pwned', '$HOME', '*', '`id`']);
    expect(result.stdout).toBe('a b; echo pwned|$HOME|*|`id`|');
    expect(result.exitCode).toBe(0);
  });

  it('treats a leading "-c" or a shell keyword as a program name, not as shell syntax', async () => {
    const evalResult = await run(['eval', 'echo pwned']);
    expect(evalResult.exitCode).toBe(127);
    expect(evalResult.stdout).toBe('');
    expect(evalResult.outputTail).toBe(`command not found: eval (searched PATH=${PATH})`);
    const dashC = await run(['-c', 'echo pwned']);
    expect(dashC).toMatchObject({ exitCode: 127, stdout: '' });
    expect(dashC.outputTail).toBe(`command not found: -c (searched PATH=${PATH})`);
  });

  it('runs a string command through sh, with pipes and the working directory', async () => {
    const result = await run('printf "%s\\n" one two three | wc -l; pwd');
    expect(result.stdout).toBe(`3\n${cwd}\n`);
  });

  it('reports a program killed by a signal inside the run as exit code 128+n, without wrapper noise', async () => {
    const result = await run(['sh', '-c', 'echo before; kill -9 $$']);
    expect(result).toMatchObject({ exitCode: 137, signal: null, stdout: 'before\n', stderr: '' });
  });

  it('returns exit code 127 and a clear message when the program or the directory does not exist', async () => {
    const missing = await run(['no-such-program-perfbot']);
    expect(missing).toMatchObject({ exitCode: 127, timedOut: false, wallNs: 0 });
    expect(missing.outputTail).toBe(`command not found: no-such-program-perfbot (searched PATH=${PATH})`);

    const relative = await run(['./missing.sh']);
    expect(relative.outputTail).toBe(
      `command not found or not executable: ./missing.sh (resolved to ${cwd}/missing.sh)`,
    );

    const noDir = await run(['true'], { cwd: path.join(cwd, 'gone') });
    expect(noDir.exitCode).toBe(127);
    expect(noDir.outputTail).toBe(`working directory does not exist or is not a directory: ${cwd}/gone`);
  });

  it('measures wall time from spawn to exit', async () => {
    const result = await run(['sleep', '0.2']);
    expect(result.wallNs).toBeGreaterThanOrEqual(200e6);
    expect(result.wallNs).toBeLessThan(10e9);
  });

  it('keeps the head of stdout up to maxOutputBytes and drains the rest', async () => {
    // 40,000 numbered lines of 100 bytes = 4,000,000 bytes, far over the 1 MiB limit.
    const script = 'for (let i = 0; i < 40000; i++) process.stdout.write(String(i).padStart(99, "0") + "\\n")';
    const result = await run([process.execPath, '-e', script], { maxOutputBytes: 1024 * 1024 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout.length).toBe(1024 * 1024);
    expect(result.stdout.startsWith(`${'0'.repeat(99)}\n${'1'.padStart(99, '0')}\n`)).toBe(true);
    expect(result.outputTruncated).toBe(true);
    expect(result.outputTail.split('\n').at(-1)).toBe('39999'.padStart(99, '0'));
  });

  it('keeps the last 40 lines of stdout and stderr, in the order they arrived, in outputTail', async () => {
    // The pauses let each burst be read before the next one is written to the other pipe.
    const result = await run('seq 1 70; sleep 0.1; seq 71 90 >&2; sleep 0.1; seq 91 100');
    expect(result.outputTail).toBe(Array.from({ length: 40 }, (_, i) => String(61 + i)).join('\n'));
    expect(result.stdout.split('\n').at(-2)).toBe('100');
    expect(result.stderr).toBe(`${Array.from({ length: 20 }, (_, i) => String(71 + i)).join('\n')}\n`);
    expect(result.outputTruncated).toBe(false);
    expect(result.survivingProcesses).toBe(0);
  });
});
