import { chmod, copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLAUDE_EDIT_TOOLS, CLAUDE_READ_ONLY_TOOLS } from '../../../src/agents/adapters/claude-code-agent.ts';
import { createAgent } from '../../../src/agents/create-agent.ts';
import type { AgentConfig } from '../../../src/agents/operator-config.ts';
import { createSandbox } from '../../../src/sandbox/create-sandbox.ts';
import { ANTHROPIC_KEY, fixture, OPENAI_KEY, operatorEnv, tempDir } from './agent-test-kit.ts';

/** These tests check the command line each adapter builds; the fakes record it next to themselves, so no sandbox. */
const unsandboxed = createSandbox({ mode: 'none' });

interface Record {
  argv: string[];
  env: { [name: string]: string };
  stdin: string;
  cwd: string;
  messageFile?: string;
}

let root: string;
let worktree: string;
let bin: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir('perfbot-adapters-'));
  worktree = path.join(root, 'worktree');
  bin = path.join(root, 'bin');
  await mkdir(worktree);
  await mkdir(bin);
});
afterEach(async () => {
  await cleanup();
});

/** Installs a recording fake as `name` in the temp bin folder; returns its path. */
async function installFake(fake: string, name: string): Promise<string> {
  const target = path.join(bin, name);
  await copyFile(fixture(fake), target);
  await chmod(target, 0o755);
  return target;
}

async function recordOf(executable: string): Promise<Record> {
  return JSON.parse(await readFile(`${executable}.record.json`, 'utf8')) as Record;
}

/** The operator environment with the fakes' folder first on PATH. */
function envWithFakes(): { [name: string]: string } {
  const env = operatorEnv();
  return { ...env, PATH: `${bin}:${env.PATH}` };
}

const PROMPT = 'Review this.\n';
const FINAL_MESSAGE_NOTE =
  'Review this.\n\n## How to deliver your result\n\nEnd your final message with your result as one JSON object in a ```json fenced block. Do not write it to a file.\n';

describe('claude-code adapter', () => {
  const config: AgentConfig = {
    type: 'claude-code',
    executable: 'claude',
    model: 'claude-sonnet-4-5',
    maxTurns: 30,
    timeoutMinutes: 1,
    network: 'none',
    readOnly: [],
    writable: [],
    maxCostUsd: 5,
    env: ['ANTHROPIC_API_KEY'],
  };

  it('runs the optimizer in print mode with edit tools, the prompt on stdin, and reads the JSON envelope', async () => {
    const fake = await installFake('fake-claude.mjs', 'claude');
    const agent = createAgent('claude', config, { env: envWithFakes(), sandbox: unsandboxed.run });
    const result = await agent.run({ role: 'optimizer', cwd: worktree, prompt: PROMPT });
    expect(result).toMatchObject({ ok: true, attempts: 1, costUsd: 0.42, output: { summary: 'Made parse() linear.' } });

    const record = await recordOf(fake);
    expect(record.argv).toEqual([
      '-p',
      '--output-format',
      'json',
      '--model',
      'claude-sonnet-4-5',
      '--permission-mode',
      'acceptEdits',
      '--tools',
      'Read,Glob,Grep,Bash,Edit,Write',
      '--allowedTools',
      'Read,Glob,Grep,Bash(git diff:*),Bash(git log:*),Bash(git show:*),Bash(git status:*),Edit,Write',
      '--disallowedTools',
      'WebFetch,WebSearch',
      '--strict-mcp-config',
      '--no-session-persistence',
      '--max-turns',
      '30',
      '--max-budget-usd',
      '5',
    ]);
    expect(record.stdin).toBe(FINAL_MESSAGE_NOTE);
    expect(record.cwd).toBe(worktree);
    expect(record.env.ANTHROPIC_API_KEY).toBe(ANTHROPIC_KEY);
    expect(record.env.OPENAI_API_KEY).toBeUndefined();
    expect(record.env.GITHUB_TOKEN).toBeUndefined();
    expect(record.env.PERFBOT_ROLE).toBe('optimizer');
  });

  it('gives reviewers read-only tools only', async () => {
    const fake = await installFake('fake-claude.mjs', 'claude');
    const minimal: AgentConfig = {
      type: 'claude-code',
      executable: 'claude',
      timeoutMinutes: 1,
      network: 'none',
      readOnly: [],
      writable: [],
      env: ['ANTHROPIC_API_KEY'],
    };
    const result = await createAgent('claude', minimal, { env: envWithFakes(), sandbox: unsandboxed.run }).run({
      role: 'reviewer',
      reviewer: 'performance',
      cwd: worktree,
      prompt: PROMPT,
    });
    expect(result).toMatchObject({ ok: true, output: { findings: [{ severity: 'low', title: 'naming' }] } });
    const record = await recordOf(fake);
    expect(record.argv).toEqual([
      '-p',
      '--output-format',
      'json',
      '--permission-mode',
      'default',
      '--tools',
      'Read,Glob,Grep,Bash',
      '--allowedTools',
      CLAUDE_READ_ONLY_TOOLS.join(','),
      '--disallowedTools',
      'WebFetch,WebSearch,Edit,Write,NotebookEdit',
      '--strict-mcp-config',
      '--no-session-persistence',
    ]);
    for (const tool of CLAUDE_EDIT_TOOLS) expect(record.argv[8]!.split(',')).not.toContain(tool);
    expect(record.env.PERFBOT_REVIEWER).toBe('performance');
  });

  it('runs a configured absolute executable that is not on PATH', async () => {
    const fake = await installFake('fake-claude.mjs', 'my-claude');
    const agent = createAgent(
      'claude',
      { ...config, executable: fake },
      { env: operatorEnv(), sandbox: unsandboxed.run },
    );
    expect((await agent.run({ role: 'analyzer', cwd: worktree, prompt: PROMPT })).ok).toBe(true);
    expect((await recordOf(fake)).argv[0]).toBe('-p');
  });

  it('fails a run whose reported cost is over the budget, without a retry', async () => {
    await installFake('fake-claude.mjs', 'claude');
    const agent = createAgent(
      'claude',
      { ...config, maxCostUsd: 0.1 },
      { env: envWithFakes(), sandbox: unsandboxed.run },
    );
    expect(await agent.run({ role: 'analyzer', cwd: worktree, prompt: PROMPT })).toMatchObject({
      ok: false,
      attempts: 1,
      costUsd: 0.42,
      error: 'spent $0.42, over its budget of $0.10',
    });
  });
});

describe('codex adapter', () => {
  it('runs codex exec in the read-only sandbox for the analyzer and reads the last-message file', async () => {
    const fake = await installFake('fake-codex.mjs', 'codex');
    const config: AgentConfig = {
      type: 'codex',
      executable: 'codex',
      model: 'gpt-5-codex',
      timeoutMinutes: 1,
      network: 'none',
      readOnly: [],
      writable: [],
      env: ['OPENAI_API_KEY'],
    };
    const result = await createAgent('codex', config, { env: envWithFakes(), sandbox: unsandboxed.run }).run({
      role: 'analyzer',
      cwd: worktree,
      prompt: PROMPT,
    });
    expect(result).toMatchObject({ ok: true, output: { summary: 'Time goes to parse().' } });
    expect(result.ok && result.costUsd).toBeUndefined();

    const record = await recordOf(fake);
    expect(record.argv).toEqual([
      'exec',
      '--sandbox',
      'read-only',
      '--skip-git-repo-check',
      '--ephemeral',
      '--color',
      'never',
      '-c',
      'web_search="disabled"',
      '--output-last-message',
      path.join(path.dirname(record.env.PERFBOT_PROMPT_FILE!), 'last-message.md'),
      '--model',
      'gpt-5-codex',
      '-',
    ]);
    expect(path.relative(worktree, record.argv[10]!).startsWith('..')).toBe(true);
    expect(record.stdin).toBe(FINAL_MESSAGE_NOTE);
    expect(record.env.OPENAI_API_KEY).toBe(OPENAI_KEY);
    expect(record.env.ANTHROPIC_API_KEY).toBeUndefined();
  });

  it('lets the optimizer write in the worktree sandbox', async () => {
    const fake = await installFake('fake-codex.mjs', 'codex');
    const config: AgentConfig = {
      type: 'codex',
      executable: 'codex',
      timeoutMinutes: 1,
      network: 'none',
      readOnly: [],
      writable: [],
      env: [],
    };
    expect(
      (
        await createAgent('codex', config, { env: envWithFakes(), sandbox: unsandboxed.run }).run({
          role: 'optimizer',
          cwd: worktree,
          prompt: PROMPT,
        })
      ).ok,
    ).toBe(true);
    expect((await recordOf(fake)).argv.slice(0, 3)).toEqual(['exec', '--sandbox', 'workspace-write']);
  });
});

describe('aider adapter', () => {
  it('passes the prompt file, keeps aider from committing or writing history into the worktree, and reads the reply', async () => {
    const fake = await installFake('fake-aider.mjs', 'aider');
    const config: AgentConfig = {
      type: 'aider',
      executable: 'aider',
      model: 'sonnet',
      timeoutMinutes: 1,
      network: 'none',
      readOnly: [],
      writable: [],
      env: ['ANTHROPIC_API_KEY'],
    };
    const result = await createAgent('aider', config, { env: envWithFakes(), sandbox: unsandboxed.run }).run({
      role: 'reviewer',
      reviewer: 'docs',
      cwd: worktree,
      prompt: PROMPT,
    });
    expect(result).toMatchObject({
      ok: true,
      costUsd: 0.03,
      output: { findings: [{ severity: 'info', title: 'fine' }] },
    });

    const record = await recordOf(fake);
    const scratch = path.dirname(record.env.PERFBOT_PROMPT_FILE!);
    expect(record.argv).toEqual([
      '--message-file',
      record.env.PERFBOT_PROMPT_FILE,
      '--chat-mode',
      'ask',
      '--yes-always',
      '--no-auto-commits',
      '--no-dirty-commits',
      '--no-gitignore',
      '--no-pretty',
      '--no-stream',
      '--no-check-update',
      '--no-analytics',
      '--no-show-model-warnings',
      '--no-detect-urls',
      '--no-suggest-shell-commands',
      '--no-auto-lint',
      '--env-file',
      '/dev/null',
      '--input-history-file',
      path.join(scratch, 'aider.input.history'),
      '--chat-history-file',
      path.join(scratch, 'aider.chat.history.md'),
      '--model',
      'sonnet',
    ]);
    expect(record.messageFile).toBe(FINAL_MESSAGE_NOTE);
    expect(record.stdin).toBe(record.messageFile);
  });

  it('uses the code chat mode for the optimizer', async () => {
    const fake = await installFake('fake-aider.mjs', 'aider');
    const config: AgentConfig = {
      type: 'aider',
      executable: 'aider',
      timeoutMinutes: 1,
      network: 'none',
      readOnly: [],
      writable: [],
      env: [],
    };
    expect(
      (
        await createAgent('aider', config, { env: envWithFakes(), sandbox: unsandboxed.run }).run({
          role: 'optimizer',
          cwd: worktree,
          prompt: PROMPT,
        })
      ).ok,
    ).toBe(true);
    expect((await recordOf(fake)).argv.slice(2, 4)).toEqual(['--chat-mode', 'code']);
  });
});

describe('command adapter', () => {
  it('runs the configured argv exactly, adding nothing', async () => {
    const fake = await installFake('fake-claude.mjs', 'anything');
    const config: AgentConfig = {
      type: 'command',
      command: [fake, '--my-flag', 'a b'],
      timeoutMinutes: 1,
      network: 'none',
      readOnly: [],
      writable: [],
      env: [],
    };
    // fake-claude prints an envelope instead of writing PERFBOT_OUTPUT_FILE, so the command agent finds no result.
    const result = await createAgent('mine', config, { env: operatorEnv(), sandbox: unsandboxed.run }).run({
      role: 'optimizer',
      cwd: worktree,
      prompt: PROMPT,
    });
    expect(result).toMatchObject({ ok: false, attempts: 2 });
    const record = await recordOf(fake);
    expect(record.argv).toEqual(['--my-flag', 'a b']);
    expect(record.stdin).toContain(
      'Write your result as one JSON object to the file named by the environment variable PERFBOT_OUTPUT_FILE',
    );
  });
});
