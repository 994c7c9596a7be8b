/**
 * The start-up check of the operator's agents (`checkAgentExecutables`) with the real CLIs in the sandbox, and the
 * refusals an operator sees for a missing or broken one.
 */
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkAgentExecutables } from '../../../src/agents/check-agent-executables.ts';
import { OperatorConfig } from '../../../src/agents/operator-config.ts';
import { operatorEnv, tempDir, testSandbox } from './agent-test-kit.ts';
import { CLAUDE_EXECUTABLE, CODEX_EXECUTABLE } from './real-cli-kit.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('perfbot-agent-check-'));
});
afterEach(async () => {
  await cleanup();
});

const check = (agents: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  checkAgentExecutables(OperatorConfig.parse({ agents, ...extra }), {
    file: '/etc/perfbot/agents.yml',
    env: operatorEnv(),
    sandbox: testSandbox.run,
  });

describe('the start-up check of the configured agents', () => {
  it("runs each CLI's --version in the sandbox and lists the agents with their versions", async () => {
    const agents = await check(
      {
        claude: { type: 'claude-code', executable: CLAUDE_EXECUTABLE },
        codex: { type: 'codex', executable: CODEX_EXECUTABLE },
        scripted: { type: 'command', command: [process.execPath, '/opt/agent.mjs'] },
      },
      { default: 'codex' },
    );
    expect(agents).toEqual([
      { name: 'claude', type: 'claude-code', version: '2.1.332 (Claude Code)', isDefault: false },
      { name: 'codex', type: 'codex', version: 'codex-cli 0.171.0', isDefault: true },
      { name: 'scripted', type: 'command', isDefault: false },
    ]);
  }, 30_000);

  it('refuses an executable that is not on PATH or not a file, naming the agent and the fix', async () => {
    await expect(
      check(
        { claude: { type: 'claude-code' }, codex: { type: 'codex', executable: '/opt/codex/bin/codex' } },
        { default: 'claude' },
      ),
    ).rejects.toThrow(
      [
        'The operator config /etc/perfbot/agents.yml names 2 agents that cannot run:',
        `  agents.claude (Claude Code): "claude" is not on PATH (${operatorEnv().PATH}). Install it (\`npm install -g @anthropic-ai/claude-code\`) or set agents.claude.executable to its absolute path.`,
        '  agents.codex (Codex): "/opt/codex/bin/codex" is not an executable file. Install it (`npm install -g @openai/codex`) or set agents.codex.executable to its absolute path.',
      ].join('\n'),
    );
  });

  it('refuses an executable whose --version fails, with what it printed', async () => {
    const broken = path.join(dir, 'claude');
    await writeFile(broken, '#!/bin/sh\necho "Error: cannot find module ./cli.js" >&2\nexit 3\n');
    await chmod(broken, 0o755);
    await expect(check({ claude: { type: 'claude-code', executable: broken } })).rejects.toThrow(
      `agents.claude (Claude Code): \`${broken} --version\` exited with code 3 in the sandbox: Error: cannot find module ./cli.js. ` +
        'Check its installation; if it lives outside /usr and its own folder, list the folders it needs under agents.claude.readOnly.',
    );
  });

  it('refuses a command agent whose program is missing', async () => {
    await expect(check({ mine: { type: 'command', command: ['my-agent', '--fast'] } })).rejects.toThrow(
      `agents.mine (command): "my-agent" is not on PATH (${operatorEnv().PATH}). Install it or set agents.mine.command to its absolute path.`,
    );
  });
});
