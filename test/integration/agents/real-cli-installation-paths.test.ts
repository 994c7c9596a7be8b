/** What of an agent's installation the sandbox is told to show: the real CLIs' packages, and a script's interpreter. */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentInstallationPaths } from '../../../src/agents/agent-installation-paths.ts';
import { tempDir } from './agent-test-kit.ts';
import { CLAUDE_EXECUTABLE, CODEX_EXECUTABLE } from './real-cli-kit.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir('perfbot-installation-'));
});
afterEach(async () => {
  await cleanup();
});

const modules = path.resolve(path.dirname(CLAUDE_EXECUTABLE), '..');

describe('agentInstallationPaths', () => {
  it("shows Codex's launcher package and its platform package with the native binary", () => {
    const paths = agentInstallationPaths([CODEX_EXECUTABLE, 'exec', '-'], '/usr/bin:/bin');
    expect(paths).toContain(path.join(modules, '@openai/codex'));
    expect(paths).toContain(path.join(modules, `@openai/codex-${process.platform}-${process.arch}`));
    expect(paths).toContain(path.join(modules, '.bin'));
  });

  it("shows Claude Code's package (its native binary is the package's bin/claude.exe)", () => {
    const paths = agentInstallationPaths([CLAUDE_EXECUTABLE, '-p'], '/usr/bin:/bin');
    expect(paths).toContain(path.join(modules, '@anthropic-ai/claude-code/bin'));
    expect(paths).toContain(path.join(modules, '@anthropic-ai/claude-code'));
  });

  it("shows a script's interpreter found on PATH, and leaves system folders out", async () => {
    const runtime = path.join(dir, 'opt', 'node', 'bin');
    await mkdir(runtime, { recursive: true });
    await writeFile(path.join(runtime, 'my-node'), '#!/bin/sh\n');
    await chmod(path.join(runtime, 'my-node'), 0o755);
    const tool = path.join(dir, 'tool', 'agent.js');
    await mkdir(path.dirname(tool));
    await writeFile(tool, '#!/usr/bin/env my-node\nconsole.log(1);\n');
    expect(agentInstallationPaths([tool], `/usr/bin:${runtime}`).sort()).toEqual([path.dirname(tool), runtime].sort());
    await writeFile(tool, '#!/usr/bin/node\n');
    expect(agentInstallationPaths([tool], '/usr/bin')).toEqual([path.dirname(tool)]);
  });
});
