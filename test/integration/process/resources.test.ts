import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { runProcess, type ProcessOptions } from '../../../src/benchmark/runner/run-process.ts';
import { fixtureProgram } from './process-probe.ts';

const PATH = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
const MiB = 1024 * 1024;

function run(command: ProcessOptions['command']) {
  return runProcess({ command, cwd: os.tmpdir(), env: { PATH }, timeoutMs: 30_000 });
}

describe('runProcess measures the whole process tree', () => {
  it('counts the CPU time a grandchild burns', async () => {
    const result = await run([process.execPath, fixtureProgram('spin-in-grandchild.mjs'), '300']);
    expect(result.stdout).toBe('spun\n');
    expect(result.cpuNs).toBeGreaterThanOrEqual(200e6);
  });

  it('does not count sleeping as CPU time', async () => {
    const result = await run(['sleep', '0.3']);
    expect(result.cpuNs).toBeLessThan(100e6);
  });

  it('sees the memory a grandchild holds in its peak RSS', async () => {
    const result = await run([process.execPath, fixtureProgram('allocate-in-grandchild.mjs'), '200', '300']);
    expect(result.stdout).toBe('held 1\n');
    expect(result.peakRssBytes).toBeGreaterThan(150 * MiB);
    expect(result.peakRssBytes).toBeLessThan(400 * MiB);
  });

  it('reports a small peak RSS for a small program (the runner itself is not counted)', async () => {
    const result = await run(['sleep', '0.2']);
    expect(result.peakRssBytes).toBeGreaterThan(0);
    expect(result.peakRssBytes).toBeLessThan(50 * MiB);
  });
});
