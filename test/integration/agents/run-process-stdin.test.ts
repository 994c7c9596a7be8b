import { describe, expect, it } from 'vitest';
import { runProcess } from '../../../src/benchmark/runner/run-process.ts';
import { createTempDir } from '../../helpers/git-fixtures.ts';

const PATH = process.env.PATH ?? '/usr/bin:/bin';

describe('runProcess stdin', () => {
  it('writes the given text to stdin and closes it', async () => {
    const cwd = await createTempDir();
    const result = await runProcess({
      command: ['cat'],
      cwd,
      env: { PATH },
      timeoutMs: 10_000,
      stdin: 'line 1\nlíne 2 ✓\n',
    });
    expect(result).toMatchObject({ exitCode: 0, stdout: 'line 1\nlíne 2 ✓\n' });
  });

  it('does not fail when the command exits without reading a large stdin', async () => {
    const cwd = await createTempDir();
    const result = await runProcess({
      command: ['true'],
      cwd,
      env: { PATH },
      timeoutMs: 10_000,
      stdin: 'x'.repeat(4 * 1024 * 1024),
    });
    expect(result.exitCode).toBe(0);
  });

  it("does not run the operator's ~/.bashrc in the wrapper although stdin is a socket", async () => {
    const home = await createTempDir();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${home}/.bashrc`, 'export FROM_BASHRC=yes\n');
    const result = await runProcess({
      command: ['env'],
      cwd: home,
      env: { PATH, HOME: home },
      timeoutMs: 10_000,
      stdin: '',
    });
    expect(result.stdout).not.toContain('FROM_BASHRC');
  });

  it('keeps stdin empty (/dev/null) without the option', async () => {
    const cwd = await createTempDir();
    const result = await runProcess({ command: ['cat'], cwd, env: { PATH }, timeoutMs: 10_000 });
    expect(result).toMatchObject({ exitCode: 0, stdout: '' });
  });
});
