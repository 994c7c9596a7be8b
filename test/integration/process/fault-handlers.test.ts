import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const MODULE = path.resolve(import.meta.dirname, '../../../src/main/install-fault-handlers.ts');
const SECRET = 'ghs_secretTokenThatMustNeverBeLogged123';

/**
 * A real Node process with the handlers installed: it leaves a promise rejected with the secret in its message,
 * says whether it is still alive a moment later, then throws from a timer.
 */
const SCRIPT = `
const { installFaultHandlers } = await import(${JSON.stringify(MODULE)});
const { pino } = await import('pino');
const log = pino({ base: null });
installFaultHandlers({
  log,
  secrets: [${JSON.stringify(SECRET)}],
  fatal: () => { console.log('FATAL-CALLED'); process.exit(1); },
});
Promise.reject(new Error('lost promise holding ${SECRET}'));
setTimeout(() => { console.log('STILL-ALIVE'); }, 100);
setTimeout(() => { throw new Error('stray throw with ${SECRET}'); }, 200);
setTimeout(() => { console.log('NEVER-REACHED'); }, 2000);
`;

function run(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('installFaultHandlers in a real process', () => {
  it('logs a lost promise redacted and keeps running; an uncaught throw is logged at fatal and exits 1', async () => {
    const { code, stdout, stderr } = await run();
    const lines = stdout.split('\n').filter(Boolean);
    const logs = lines
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; err: string });

    const rejection = logs.find((l) => l.msg.startsWith('unhandled promise rejection'));
    expect(rejection, stdout + stderr).toBeDefined();
    expect(rejection!.level).toBe(50);
    expect(rejection!.err).toContain('lost promise holding');
    expect(lines).toContain('STILL-ALIVE');

    const exception = logs.find((l) => l.msg.startsWith('uncaught exception'));
    expect(exception!.level).toBe(60);
    expect(exception!.err).toContain('stray throw with');
    expect(lines).toContain('FATAL-CALLED');
    expect(lines).not.toContain('NEVER-REACHED');
    expect(code).toBe(1);

    expect(stdout + stderr).not.toContain(SECRET);
    // Node's own crash report (printed when no handler exists) must not appear either.
    expect(stderr).not.toMatch(/UnhandledPromiseRejection|Error: stray throw/);
  });
});
