import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { cleanupAll } from '../../helpers/git-fixtures.ts';
import { createOptimizeFixture } from './optimize-fixture.ts';

afterAll(cleanupAll);

function captureIo() {
  const io = { stdout: '', stderr: '' };
  return {
    io,
    cli: {
      stdout: (text: string) => void (io.stdout += text),
      stderr: (text: string) => void (io.stderr += text),
      isTty: false,
    },
  };
}

describe('perfbot optimize: bad input exits 2 before anything runs', () => {
  it('names both ways to configure agents when neither is given', async () => {
    const fixture = await createOptimizeFixture({ optimizer: 'optimizer-noop' });
    const { io, cli } = captureIo();
    const code = await main(['optimize', '--repo', fixture.repo.dir], cli);
    expect(code).toBe(2);
    expect(io.stderr).toMatch(
      /^perfbot: optimize runs AI agents, and none are configured: pass --agents-config FILE or set PERFBOT_CONFIG=FILE/,
    );
    expect(await fixture.calls()).toEqual([]);
  });

  it('rejects a bad --target and refuses to overwrite an existing perf/<task> branch', async () => {
    const fixture = await createOptimizeFixture({ optimizer: 'optimizer-noop' });
    const args = ['optimize', '--repo', fixture.repo.dir, '--agents-config', fixture.agentsConfig];
    const bad = captureIo();
    expect(await main([...args, '--target', 'fast'], bad.cli)).toBe(2);
    expect(bad.io.stderr).toBe(
      'perfbot: --target: expected a percentage above 0 and at most 1000, like 20%, got "fast"\n',
    );
    const badAllowance = captureIo();
    expect(await main([...args, '--max-memory', 'lots'], badAllowance.cli)).toBe(2);
    expect(badAllowance.io.stderr).toBe(
      'perfbot: --max-memory: expected a percentage from 0 to 1000, like 20%, got "lots"\n',
    );

    await fixture.repo.git('branch', `perf/${fixture.task}`);
    const { io, cli } = captureIo();
    const code = await main(args, cli);
    expect(code).toBe(2);
    expect(io.stderr).toBe(
      `perfbot: branch perf/${fixture.task} already exists in ${fixture.repo.dir}; delete it (git branch -D perf/${fixture.task}) or pass --task NAME for another branch\n`,
    );
    expect(await fixture.calls()).toEqual([]);
  });
});
