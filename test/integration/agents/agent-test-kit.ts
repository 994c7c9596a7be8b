import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAgent } from '../../../src/agents/create-agent.ts';
import type { Agent } from '../../../src/agents/agent.ts';
import type { AgentConfig } from '../../../src/agents/operator-config.ts';
import { createSandbox } from '../../../src/sandbox/create-sandbox.ts';

/** The sandbox the worker uses: scripted agents run in it exactly as real ones would. */
export const testSandbox = createSandbox({ mode: 'bubblewrap' });

/** Absolute path of a scripted agent or fake executable in test/fixtures/agents/. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/agents/${name}`, import.meta.url));
}

export const ANTHROPIC_KEY = 'sk-ant-api03-TESTKEYtestkeyTESTKEY0123456789';
export const OPENAI_KEY = 'sk-proj-openaiTESTKEY0123456789';

/** The operator's environment as the worker would see it, secrets included. */
export function operatorEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`,
    HOME: os.homedir(),
    LANG: 'C.UTF-8',
    ANTHROPIC_API_KEY: ANTHROPIC_KEY,
    OPENAI_API_KEY: OPENAI_KEY,
    GITHUB_TOKEN: 'ghs_0123456789abcdefghijABCDEFGHIJ012345',
    PRIVATE_KEY: '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----',
    REDIS_URL: 'redis://:hunter2@127.0.0.1:6379',
    UNRELATED: 'not for agents',
    ...extra,
  };
}

/** A `command` agent running a scripted fixture with node. */
export function scriptedAgent(
  script: string,
  options: { env?: string[]; timeoutMinutes?: number; args?: string[]; sourceEnv?: Record<string, string> } = {},
): Agent {
  const config: AgentConfig = {
    type: 'command',
    command: [process.execPath, fixture(script), ...(options.args ?? [])],
    timeoutMinutes: options.timeoutMinutes ?? 1,
    network: 'none',
    readOnly: [],
    writable: [],
    env: options.env ?? [],
  };
  return createAgent('scripted', config, {
    env: options.sourceEnv ?? operatorEnv(),
    killGraceMs: 200,
    sandbox: testSandbox.run,
  });
}

/** A `command` agent running exactly `command`. */
export function commandAgent(command: string[]): Agent {
  const config: AgentConfig = {
    type: 'command',
    command,
    timeoutMinutes: 1,
    network: 'none',
    readOnly: [],
    writable: [],
    env: [],
  };
  return createAgent('command', config, { env: operatorEnv(), killGraceMs: 200, sandbox: testSandbox.run });
}

/** A fresh temporary directory (real path, so it compares equal to a child's cwd). */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), prefix)));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Whether a process exists (signal 0 checks without killing). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
