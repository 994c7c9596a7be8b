import { spawn } from 'node:child_process';

/** Wall time of a plain `spawn` of `argv` (no shell, no /proc sampling), from spawn to exit, in ns. */
export function timeBareSpawn(argv: readonly string[], cwd: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: 'ignore' });
    child.once('error', reject);
    child.once('exit', (code) => {
      const ns = Number(process.hrtime.bigint() - started);
      if (code === 0) resolve(ns);
      else reject(new Error(`${argv.join(' ')} exited with ${code}`));
    });
  });
}
