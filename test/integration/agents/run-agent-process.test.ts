import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentResult } from '../../../src/agents/agent.ts';
import { createAgent } from '../../../src/agents/create-agent.ts';
import {
  ANTHROPIC_KEY,
  commandAgent,
  isAlive,
  operatorEnv,
  scriptedAgent,
  tempDir,
  testSandbox,
} from './agent-test-kit.ts';
import { processesWith } from '../../helpers/find-processes.ts';

let worktree: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir: worktree, cleanup } = await tempDir('perfbot-agent-worktree-'));
});
afterEach(async () => {
  await cleanup();
});

interface Echo {
  argv: string[];
  stdin: string;
  promptFile: string;
  env: Record<string, string>;
  cwd: string;
}

function echoOf(result: AgentResult<'optimizer'>): Echo {
  if (!result.ok) throw new Error(`agent failed: ${result.error}\n${result.transcript}`);
  return JSON.parse(result.output.summary) as Echo;
}

async function waitUntilGone(marker: string): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if ((await processesWith(marker)).length === 0) return true;
    await sleep(50);
  }
  return false;
}

describe('the agent protocol', () => {
  it('gives the prompt identically on stdin and in PERFBOT_PROMPT_FILE, outside the worktree, and removes it after', async () => {
    const agent = scriptedAgent('agent-echo-protocol.mjs', { args: ['--flag', 'two words'] });
    const echo = echoOf(await agent.run({ role: 'optimizer', cwd: worktree, prompt: 'Make it fast.\n' }));
    const promptFile = echo.env.PERFBOT_PROMPT_FILE!;
    const outputFile = echo.env.PERFBOT_OUTPUT_FILE!;
    expect(echo.stdin).toBe(
      [
        'Make it fast.',
        '',
        '## How to deliver your result',
        '',
        'Write your result as one JSON object to the file named by the environment variable PERFBOT_OUTPUT_FILE',
        `(${outputFile}). Write nothing else to that file.`,
        '',
      ].join('\n'),
    );
    expect(echo.promptFile).toBe(echo.stdin);
    expect(echo.argv).toEqual(['--flag', 'two words']);
    expect(echo.cwd).toBe(worktree);
    expect(path.relative(worktree, promptFile).startsWith('..')).toBe(true);
    expect(path.dirname(outputFile)).toBe(path.dirname(promptFile));
    expect(existsSync(path.dirname(promptFile))).toBe(false);
  });

  it('sets only the allow-list, the keys this agent is configured with, and the protocol variables', async () => {
    const withKey = scriptedAgent('agent-echo-protocol.mjs', { env: ['ANTHROPIC_API_KEY'] });
    const echo = echoOf(await withKey.run({ role: 'optimizer', cwd: worktree, prompt: 'p' }));
    expect(Object.keys(echo.env).sort()).toEqual([
      'ANTHROPIC_API_KEY',
      'HOME',
      'LANG',
      'PATH',
      'PERFBOT_OUTPUT_FILE',
      'PERFBOT_PROMPT_FILE',
      'PERFBOT_ROLE',
      'PERFBOT_RUN_COOKIE',
      'TMPDIR',
    ]);
    expect(echo.env.ANTHROPIC_API_KEY).toBe(ANTHROPIC_KEY);
    // The sandbox's private, empty home and /tmp, not the operator's.
    expect(echo.env.HOME).toBe('/home/sandbox');
    expect(echo.env.TMPDIR).toBe('/tmp');
    expect(echo.env.PERFBOT_ROLE).toBe('optimizer');

    const withoutKey = scriptedAgent('agent-echo-protocol.mjs');
    const other = echoOf(await withoutKey.run({ role: 'optimizer', cwd: worktree, prompt: 'p' }));
    expect(other.env.ANTHROPIC_API_KEY).toBeUndefined();
    for (const secret of ['GITHUB_TOKEN', 'PRIVATE_KEY', 'REDIS_URL', 'OPENAI_API_KEY', 'UNRELATED']) {
      expect(echo.env[secret]).toBeUndefined();
      expect(other.env[secret]).toBeUndefined();
    }
  });

  it("redacts the agent's keys from the transcript", async () => {
    const agent = scriptedAgent('agent-echo-protocol.mjs', { env: ['ANTHROPIC_API_KEY'] });
    const result = await agent.run({ role: 'optimizer', cwd: worktree, prompt: 'p' });
    expect(result.transcript).toMatch(
      /^=== attempt 1 \(exit code 0, \d+(\.\d+)? (ms|s)\) ===\n--- stdout ---\nkey: \*\*\*\n--- stderr ---\n$/,
    );
    expect(result.transcript).not.toContain(ANTHROPIC_KEY);
  });

  it('returns the validated result of a scripted analyzer', async () => {
    const result = await scriptedAgent('analyzer-basic.mjs').run({ role: 'analyzer', cwd: worktree, prompt: 'p' });
    expect(result).toMatchObject({
      ok: true,
      attempts: 1,
      output: {
        summary: 'Almost all the time is spent in slowSum, which recomputes the same inner sum for every element.',
        bottlenecks: [{ title: 'slowSum is quadratic', file: 'src/slow.js' }],
      },
    });
    expect(result.costUsd).toBeUndefined();
  });

  it('tells a reviewer its kind; reviewer-critical-once reports once per worktree and kind', async () => {
    const agent = scriptedAgent('reviewer-critical-once.mjs');
    const first = await agent.run({ role: 'reviewer', reviewer: 'security', cwd: worktree, prompt: 'p' });
    expect(first).toMatchObject({
      ok: true,
      output: { findings: [{ severity: 'critical', title: 'The fast path changes the result' }] },
    });
    const second = await agent.run({ role: 'reviewer', reviewer: 'security', cwd: worktree, prompt: 'p' });
    expect(second).toMatchObject({ ok: true, output: { findings: [] } });
    expect(existsSync(path.join(worktree, 'bots', 'reviewer-critical-once.security.json'))).toBe(true);
    const otherKind = await agent.run({ role: 'reviewer', reviewer: 'code', cwd: worktree, prompt: 'p' });
    expect(otherKind.ok && otherKind.output.findings.length).toBe(1);
  });

  it('retries once with the validation error appended to the prompt', async () => {
    const result = await scriptedAgent('agent-invalid-output.mjs').run({
      role: 'reviewer',
      reviewer: 'code',
      cwd: worktree,
      prompt: 'p',
    });
    expect(result).toMatchObject({ ok: true, attempts: 2, output: { findings: [] } });
    expect(result.transcript).toContain('agent-invalid-output: wrote invalid JSON');
    expect(result.transcript).toMatch(
      /retry note: It did not produce a valid result: the result is not valid JSON \(.+\)\./,
    );
  });

  it('fails after the retry when the result is still invalid, saying why', async () => {
    const result = await scriptedAgent('agent-always-invalid.mjs').run({
      role: 'reviewer',
      reviewer: 'code',
      cwd: worktree,
      prompt: 'p',
    });
    expect(result).toMatchObject({
      ok: false,
      attempts: 2,
      error:
        'no valid result after 2 attempts: the result does not match the reviewer format: findings[0].severity: ' +
        'Invalid option: expected one of "critical"|"high"|"medium"|"low"|"info"',
    });
  });

  it('counts a missing result and a non-zero exit as failed attempts', async () => {
    const silent = commandAgent([process.execPath, '-e', 'console.log("thinking…")']);
    expect(await silent.run({ role: 'optimizer', cwd: worktree, prompt: 'p' })).toMatchObject({
      ok: false,
      attempts: 2,
      error: 'no valid result after 2 attempts: the agent wrote no result to PERFBOT_OUTPUT_FILE',
    });
    const crashing = commandAgent([process.execPath, '-e', 'process.exit(3)']);
    expect(await crashing.run({ role: 'optimizer', cwd: worktree, prompt: 'p' })).toMatchObject({
      ok: false,
      attempts: 2,
      error:
        'no valid result after 2 attempts: the agent exited with code 3; the agent wrote no result to PERFBOT_OUTPUT_FILE',
    });
  });

  it("gives each run a private home: a copy of the operator's home files, whose changes are discarded", async () => {
    const { dir: operatorHome, cleanup: removeHome } = await tempDir('perfbot-agent-home-');
    try {
      await mkdir(path.join(operatorHome, '.tool'));
      await writeFile(path.join(operatorHome, '.tool', 'config'), 'model = scripted\n');
      const script =
        'echo "home=$HOME"; cat "$HOME/.tool/config"; ls -A "$HOME/.tool"; echo planted > "$HOME/.tool/state"; ls -A ~ /root 2>&1';
      const agent = createAgent(
        'with-home',
        {
          type: 'command',
          command: ['/bin/bash', '-c', script],
          timeoutMinutes: 1,
          network: 'none',
          readOnly: [],
          writable: [],
          home: operatorHome,
          env: [],
        },
        { env: operatorEnv(), killGraceMs: 200, sandbox: testSandbox.run },
      );
      const result = await agent.run({ role: 'optimizer', cwd: worktree, prompt: 'p' });
      // No result file, so two attempts: the second sees a fresh copy, without the first one's state file.
      expect(result).toMatchObject({ ok: false, attempts: 2 });
      const attempts = result.transcript.split('=== attempt ').slice(1);
      for (const attempt of attempts) {
        expect(attempt).toContain('home=/home/sandbox');
        expect(attempt).toContain('model = scripted');
        expect(attempt).toMatch(/--- stdout ---\nhome=\/home\/sandbox\nmodel = scripted\nconfig\n/);
      }
      expect(existsSync(path.join(operatorHome, '.tool', 'state'))).toBe(false);
    } finally {
      await removeHome();
    }
  });

  it('kills the whole agent tree on timeout, without a retry', async () => {
    const marker = `hang-${randomUUID()}`;
    const agent = scriptedAgent('agent-hang.mjs', { timeoutMinutes: 0.02, args: [marker] });
    const result = await agent.run({ role: 'optimizer', cwd: worktree, prompt: 'p' });
    expect(result).toMatchObject({ ok: false, attempts: 1, error: 'timed out after 1.2 s' });
    expect(result.transcript).toMatch(/agent-hang: pid \d+ child \d+/);
    expect(await waitUntilGone(marker)).toBe(true);
  });

  it('kills the agent tree when the signal aborts', async () => {
    const controller = new AbortController();
    const marker = `hang-${randomUUID()}`;
    const running = scriptedAgent('agent-hang.mjs', { args: [marker] }).run({
      role: 'analyzer',
      cwd: worktree,
      prompt: 'p',
      signal: controller.signal,
    });
    // The agent's child (`node -e setInterval… <marker>`) is the last process it starts.
    const childStarted = async () => (await processesWith(`setInterval(() => {}, 1000)\0${marker}`)).length === 1;
    for (let i = 0; i < 100 && !(await childStarted()); i++) await sleep(50);
    expect(await childStarted()).toBe(true);
    controller.abort();
    const result = await running;
    expect(result).toMatchObject({ ok: false, attempts: 1, error: 'cancelled' });
    expect(await waitUntilGone(marker)).toBe(true);
    expect(result.durationMs).toBeLessThan(10_000);
  });

  it('reports a tool that cannot start, without a retry', async () => {
    const result = await commandAgent(['/nonexistent/agent']).run({ role: 'analyzer', cwd: worktree, prompt: 'p' });
    expect(result).toMatchObject({
      ok: false,
      attempts: 1,
      error:
        'could not start: command not found or not executable: /nonexistent/agent (resolved to /nonexistent/agent)',
    });
  });

  it('refuses a reviewer request without a reviewer kind (a bug in the caller)', async () => {
    await expect(
      scriptedAgent('reviewer-clean.mjs').run({ role: 'reviewer', cwd: worktree, prompt: 'p' }),
    ).rejects.toThrow('a reviewer request needs `reviewer`');
  });
});

describe('the scripted optimizers', () => {
  const SLOW_JS = [
    'export function slowSum(values) {',
    '  // PERFBOT-SLOW-START',
    '  let total = 0;',
    '  for (let i = 0; i < values.length; i++) for (let j = 0; j <= i; j++) if (j === i) total += values[j];',
    '  // PERFBOT-SLOW-END',
    '  return total;',
    '}',
    '/* PERFBOT-FAST',
    '  let total = 0;',
    '  for (const value of values) total += value;',
    '*/',
    '/* PERFBOT-BROKEN',
    '  let total = 1;',
    '*/',
    '',
  ].join('\n');

  beforeEach(async () => {
    await mkdir(path.join(worktree, 'src'));
    await writeFile(path.join(worktree, 'src/slow.js'), SLOW_JS);
  });

  it('optimizer-fix-slow replaces the marked region with its fast version', async () => {
    const result = await scriptedAgent('optimizer-fix-slow.mjs').run({ role: 'optimizer', cwd: worktree, prompt: 'p' });
    expect(result.ok).toBe(true);
    expect(await readFile(path.join(worktree, 'src/slow.js'), 'utf8')).toBe(
      'export function slowSum(values) {\n  let total = 0;\n  for (const value of values) total += value;\n  return total;\n}\n',
    );
  });

  it('optimizer-break-tests replaces it with its broken version', async () => {
    const result = await scriptedAgent('optimizer-break-tests.mjs').run({
      role: 'optimizer',
      cwd: worktree,
      prompt: 'p',
    });
    expect(result.ok).toBe(true);
    expect(await readFile(path.join(worktree, 'src/slow.js'), 'utf8')).toBe(
      'export function slowSum(values) {\n  let total = 1;\n  return total;\n}\n',
    );
  });

  it('optimizer-noop changes nothing; SCRIPTED_TARGET_FILE picks another file when the config passes it', async () => {
    expect((await scriptedAgent('optimizer-noop.mjs').run({ role: 'optimizer', cwd: worktree, prompt: 'p' })).ok).toBe(
      true,
    );
    expect(await readFile(path.join(worktree, 'src/slow.js'), 'utf8')).toBe(SLOW_JS);

    await writeFile(path.join(worktree, 'other.js'), SLOW_JS);
    const agent = scriptedAgent('optimizer-fix-slow.mjs', {
      env: ['SCRIPTED_TARGET_FILE'],
      sourceEnv: operatorEnv({ SCRIPTED_TARGET_FILE: 'other.js' }),
    });
    expect((await agent.run({ role: 'optimizer', cwd: worktree, prompt: 'p' })).ok).toBe(true);
    expect(await readFile(path.join(worktree, 'src/slow.js'), 'utf8')).toBe(SLOW_JS);
    expect(await readFile(path.join(worktree, 'other.js'), 'utf8')).not.toContain('PERFBOT');
  });
});
