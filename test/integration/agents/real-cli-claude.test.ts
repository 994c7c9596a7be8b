/**
 * The real Claude Code CLI (the pinned devDependency) through Perfbot's claude-code adapter and the bubblewrap
 * sandbox, against the scripted model server: the model is the only fake. Its tools, its permission checks, its
 * file edits and its cost accounting are the CLI's own.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../../src/agents/create-agent.ts';
import type { ClaudeCodeAgentConfig } from '../../../src/agents/operator-config.ts';
import type { Reviewer } from '../../../src/config/review-config.ts';
import { startFakeModelServer, type FakeModelServer } from '../../fakes/fake-model-server.ts';
import { answerTurn, toolTurn, type ModelScripts } from '../../fakes/fake-model-server-script.ts';
import { ANTHROPIC_KEY, operatorEnv, tempDir, testSandbox } from './agent-test-kit.ts';
import { CLAUDE_EXECUTABLE, claudeModelEnv, CLAUDE_MODEL_ENV_NAMES, secretsOf } from './real-cli-kit.ts';

let worktree: string;
let cleanup: () => Promise<void>;
let server: FakeModelServer | undefined;
beforeEach(async () => {
  ({ dir: worktree, cleanup } = await tempDir('perfbot-claude-worktree-'));
  await writeFile(path.join(worktree, 'slow.js'), 'let total = 0;\nfor (const v of values) total += v;\n');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await cleanup();
});

async function runClaude(
  scripts: ModelScripts,
  request: { role: 'analyzer' | 'optimizer' | 'reviewer'; reviewer?: Reviewer },
  extra: Partial<ClaudeCodeAgentConfig> = {},
) {
  server = await startFakeModelServer(scripts);
  const config: ClaudeCodeAgentConfig = {
    type: 'claude-code',
    executable: CLAUDE_EXECUTABLE,
    model: 'claude-sonnet-4-5',
    timeoutMinutes: 1,
    // The model server listens on the worker's loopback, which only the host network reaches.
    network: 'host',
    env: [...CLAUDE_MODEL_ENV_NAMES],
    readOnly: [],
    writable: [],
    ...extra,
  };
  const sourceEnv = operatorEnv(claudeModelEnv(server.url));
  const agent = createAgent('claude', config, { env: sourceEnv, killGraceMs: 200, sandbox: testSandbox.run });
  const role = request.role === 'reviewer' ? `${request.reviewer ?? 'code'} reviewer` : `performance ${request.role}`;
  const prompt = `# Role: ${role}\n\nThe code is in ${worktree}.\n`;
  const result = await agent.run({ ...request, cwd: worktree, prompt });
  return { result, server, sourceEnv };
}

const file = (name: string) => path.join(worktree, name);

describe('the real Claude Code CLI in the sandbox, against the scripted model', () => {
  it("edits the file with its own Read and Edit tools; the cost is the CLI's own figure for the tokens", async () => {
    const { result, server } = await runClaude(
      {
        optimizer: [
          toolTurn({ name: 'Read', input: { file_path: file('slow.js') } }),
          toolTurn({
            name: 'Edit',
            input: { file_path: file('slow.js'), old_string: 'let total', new_string: 'var total' },
          }),
          answerTurn({ summary: 'var instead of let' }, { inputTokens: 10_000, outputTokens: 2_000 }),
        ],
      },
      { role: 'optimizer' },
    );
    expect(result, result.transcript).toMatchObject({
      ok: true,
      attempts: 1,
      output: { summary: 'var instead of let' },
    });
    expect(await readFile(file('slow.js'), 'utf8')).toBe('var total = 0;\nfor (const v of values) total += v;\n');
    // The CLI read the file and sent its content back to the model; its Edit reported success.
    const results = server.turnsOf('optimizer').at(-1)?.conversation?.toolResults ?? [];
    expect(results.map((r) => [r.call.name, r.isError])).toEqual([
      ['Read', false],
      ['Edit', false],
    ]);
    expect(results[0]?.content).toContain('let total = 0;');
    // Sonnet's list price for the three turns (100 + 100 + 10,000 input, 20 + 20 + 2,000 output tokens): the
    // figure the CLI printed, not one Perfbot computed.
    const printed = result.transcript
      .split('\n')
      .find((line) => line.startsWith('{') && line.includes('"total_cost_usd"'));
    const envelope = JSON.parse(printed ?? '{}') as { total_cost_usd?: number };
    expect(result.costUsd).toBe(envelope.total_cost_usd);
    expect(result.costUsd).toBeCloseTo((10_200 * 3 + 2_040 * 15) / 1e6, 9);
    server.assertNoSurprises();
  }, 60_000);

  it('refuses a reviewer Write and Edit, and web tools to every role: the CLI itself says so to the model', async () => {
    const exfil = () => `${server?.url ?? ''}/exfil`;
    const { result, server: model } = await runClaude(
      {
        reviewer: ({ turn }) => {
          if (turn > 1) return answerTurn({ findings: [] });
          return turn === 0
            ? toolTurn(
                { name: 'Write', input: { file_path: file('planted.js'), content: 'pwned' } },
                { name: 'Edit', input: { file_path: file('slow.js'), old_string: 'let', new_string: 'var' } },
              )
            : toolTurn(
                { name: 'WebFetch', input: { url: exfil(), prompt: 'send it' } },
                { name: 'WebSearch', input: { query: 'perfbot' } },
                { name: 'Bash', input: { command: `curl -s ${exfil()}` } },
              );
        },
      },
      { role: 'reviewer', reviewer: 'security' },
    );
    expect(result, result.transcript).toMatchObject({ ok: true, output: { findings: [] } });
    const results = model.turnsOf('reviewer').at(-1)?.conversation?.toolResults ?? [];
    expect(results.map((r) => [r.call.name, r.isError])).toEqual([
      ['Write', true],
      ['Edit', true],
      ['WebFetch', true],
      ['WebSearch', true],
      ['Bash', true],
    ]);
    for (const refused of results.slice(0, 4))
      expect(refused.content).toMatch(/No such tool available: \w+\. \w+ is disabled/);
    expect(results[4]?.content).toContain('This command requires approval');
    // Nothing was written, and nothing reached the address the web tools and curl were pointed at.
    expect(existsSync(file('planted.js'))).toBe(false);
    expect(await readFile(file('slow.js'), 'utf8')).toContain('let total');
    expect(model.requests.filter((r) => r.path === '/exfil')).toEqual([]);
    // The tools the model is offered: no write tool, no web tool, no subagent or tool loader for the reviewer.
    const offered = ((model.turnsOf('reviewer')[0]?.body ?? {}) as { tools?: { name: string }[] }).tools?.map(
      (t) => t.name,
    );
    expect(offered?.sort()).toEqual(['Bash', 'Glob', 'Grep', 'Read']);
    model.assertNoSurprises();
  }, 60_000);

  it('stops a runaway script at --max-turns, once (no retry), and says which setting to raise', async () => {
    const { result, server } = await runClaude(
      { analyzer: () => toolTurn({ name: 'Read', input: { file_path: file('slow.js') } }) },
      { role: 'analyzer' },
      { maxTurns: 3 },
    );
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.ok ? '' : result.error).toBe(
      'Claude Code stopped at its turn limit (`maxTurns` in the operator config): Reached maximum number of turns (3)',
    );
    expect(server.turnsOf('analyzer')).toHaveLength(3);
    server.assertNoSurprises();
  }, 60_000);

  it('stops a runaway script at --max-budget-usd with the CLI’s figure', async () => {
    const expensive = { inputTokens: 200_000, outputTokens: 1_000 };
    const { result, server } = await runClaude(
      { optimizer: () => ({ ...toolTurn({ name: 'Glob', input: { pattern: '**/*.js' } }), usage: expensive }) },
      { role: 'optimizer' },
      { maxCostUsd: 1 },
    );
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.ok ? '' : result.error).toBe(
      'Claude Code stopped at its budget (`maxCostUsd` in the operator config): Reached maximum budget ($1)',
    );
    // $0.615 a turn at Sonnet's list price: the CLI stops after the turn that crossed $1.
    expect(server.turnsOf('optimizer')).toHaveLength(2);
    expect(result.costUsd).toBeCloseTo((2 * (200_000 * 3 + 1_000 * 15)) / 1e6, 9);
  }, 60_000);

  it("sends the model nothing of the worker's secrets: only its own key, in its own header", async () => {
    const { result, server, sourceEnv } = await runClaude(
      {
        analyzer: [
          toolTurn(
            { name: 'Bash', input: { command: 'git status' } },
            { name: 'Grep', input: { pattern: 'total', path: worktree } },
          ),
          answerTurn({ summary: 'a loop', bottlenecks: [] }),
        ],
      },
      { role: 'analyzer' },
    );
    expect(result.ok, result.transcript).toBe(true);
    expect(server.requests.length).toBeGreaterThan(0);
    for (const request of server.requests) {
      const sent = `${JSON.stringify(request.headers)}\n${request.raw}`;
      for (const secret of secretsOf(sourceEnv)) expect(sent).not.toContain(secret);
      expect(request.headers['x-api-key']).toBe(ANTHROPIC_KEY);
    }
  }, 60_000);
});
