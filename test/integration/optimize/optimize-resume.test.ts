import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { historyOf, readCheckpoint } from './optimize-cli-harness.ts';
import { createOptimizeFixture } from './optimize-fixture.ts';

afterAll(cleanupAll);

const BIN = path.resolve(import.meta.dirname, '../../../bin/perfbot.mjs');

describe('perfbot optimize: resume after a crash', () => {
  it('continues a run killed with SIGKILL from its checkpoint, without repeating finished phases', async () => {
    const fixture = await createOptimizeFixture({ optimizer: 'optimizer-fix-slow' });
    const args = [
      'optimize',
      '--repo',
      fixture.repo.dir,
      '--agents-config',
      fixture.agentsConfig,
      '--target',
      '20%',
      '--seed',
      '3',
    ];
    const checkpoint = path.join(fixture.runDir, 'checkpoint.json');

    // First run: killed (no cleanup, no signal handler) as soon as the checkpoint says ANALYZE is done.
    const child = spawn(process.execPath, [BIN, ...args], { env: fixture.env, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let phase = '';
    for (let waited = 0; phase !== 'optimize' && waited < 60_000; waited += 10) {
      phase = await readFile(checkpoint, 'utf8').then(
        (text) => (JSON.parse(text) as { phase: string }).phase,
        () => '',
      );
      if (phase !== 'optimize') await sleep(10);
    }
    expect(phase).toBe('optimize');
    child.kill('SIGKILL');
    await exited;
    expect(historyOf(await readCheckpoint(fixture))).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
    ]);

    // Same command again: it resumes at OPTIMIZE and finishes.
    const second = await runCli(args, { env: fixture.env });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`[perfbot] resuming run ${fixture.task} at optimize\n`);
    expect(second.stderr).not.toContain('[perfbot] analyze');

    const state = await readCheckpoint(fixture);
    expect(historyOf(state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets met',
      'review: no blocking findings',
      'confirm: confirmed',
      'commit: committed locally',
      'complete: completed',
    ]);
    const calls = await fixture.calls();
    expect(calls.filter((call) => call === 'analyzer')).toEqual(['analyzer']);
    const branch = `perf/${fixture.task}`;
    expect(await fixture.repo.git('rev-list', '--count', `${fixture.start}..${branch}`)).toBe('1');
    expect(await fixture.repo.git('rev-parse', branch)).toBe(state.commitSha);

    // A third run of the finished task changes nothing: it prints the report again.
    const third = await runCli(args, { env: fixture.env });
    expect(third.code).toBe(0);
    expect(third.stderr).toBe(`[perfbot] run ${fixture.task} already finished\n`);
    expect(third.stdout).toMatch(/^## ✅ Optimization complete\n/);
    expect(await fixture.repo.git('rev-list', '--count', `${fixture.start}..${branch}`)).toBe('1');
  });
});
