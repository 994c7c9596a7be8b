/**
 * The real Codex CLI (the pinned devDependency) through Perfbot's codex adapter and the bubblewrap sandbox, against
 * the scripted model server's Responses API (a model provider in the operator's `home`: `.codex/config.toml`).
 * Its shell tool, its own sandbox around each command and its final-message file are Codex's.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../../src/agents/create-agent.ts';
import type { CodexAgentConfig } from '../../../src/agents/operator-config.ts';
import { startFakeModelServer, type FakeModelServer } from '../../fakes/fake-model-server.ts';
import { answerTurn, toolTurn, type ModelScripts, type ModelTurn } from '../../fakes/fake-model-server-script.ts';
import { OPENAI_KEY, operatorEnv, tempDir, testSandbox } from './agent-test-kit.ts';
import { CODEX_EXECUTABLE, secretsOf, writeCodexHome } from './real-cli-kit.ts';
import { processesWith } from '../../helpers/find-processes.ts';

let worktree: string;
let home: string;
let cleanups: (() => Promise<void>)[] = [];
let server: FakeModelServer | undefined;
beforeEach(async () => {
  const [w, h] = [await tempDir('perfbot-codex-worktree-'), await tempDir('perfbot-codex-home-')];
  [worktree, home, cleanups] = [w.dir, h.dir, [w.cleanup, h.cleanup]];
  await writeFile(path.join(worktree, 'slow.js'), 'let total = 0;\nfor (const v of values) total += v;\n');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const cleanup of cleanups) await cleanup();
});

async function runCodex(scripts: ModelScripts, role: 'optimizer' | 'reviewer', timeoutMinutes = 1) {
  server = await startFakeModelServer(scripts);
  await writeCodexHome(home, server.url);
  const config: CodexAgentConfig = {
    type: 'codex',
    executable: CODEX_EXECUTABLE,
    timeoutMinutes,
    network: 'host',
    env: ['OPENAI_API_KEY'],
    readOnly: [],
    writable: [],
    home,
  };
  const sourceEnv = operatorEnv();
  const agent = createAgent('codex', config, { env: sourceEnv, killGraceMs: 200, sandbox: testSandbox.run });
  const prompt =
    role === 'optimizer' ? '# Role: performance optimizer\n\nGo.\n' : '# Role: security reviewer\n\nReview.\n';
  const result = await agent.run(
    role === 'optimizer' ? { role, cwd: worktree, prompt } : { role, reviewer: 'security', cwd: worktree, prompt },
  );
  return { result, server, sourceEnv };
}

/** Runs `commands` with Codex's shell tool, one a turn, then answers `result`. */
function shellScript(commands: string[], result: unknown) {
  return ({ turn }: { turn: number }): ModelTurn => {
    const cmd = commands[turn];
    return cmd === undefined ? answerTurn(result) : toolTurn({ name: 'exec_command', input: { cmd } });
  };
}

const outputsOf = (model: FakeModelServer, role: 'optimizer' | 'reviewer') =>
  (model.turnsOf(role).at(-1)?.conversation?.toolResults ?? []).map((r) => r.content);

describe('the real Codex CLI in the sandbox, against the scripted model', () => {
  it('edits the file with its shell in workspace-write; the reply comes from its last-message file', async () => {
    const { result, server } = await runCodex(
      {
        optimizer: shellScript(['cat slow.js', "sed -i 's/let total/var total/' slow.js"], {
          summary: 'var instead of let',
        }),
      },
      'optimizer',
    );
    expect(result, result.transcript).toMatchObject({
      ok: true,
      attempts: 1,
      output: { summary: 'var instead of let' },
    });
    expect(await readFile(path.join(worktree, 'slow.js'), 'utf8')).toBe(
      'var total = 0;\nfor (const v of values) total += v;\n',
    );
    const outputs = outputsOf(server, 'optimizer');
    expect(outputs[0]).toContain('Process exited with code 0');
    expect(outputs[0]).toContain('let total = 0;');
    // Codex reports tokens, not a cost: the result has none.
    expect(result.costUsd).toBeUndefined();
    server.assertNoSurprises();
  }, 60_000);

  it("refuses a reviewer's write in its read-only sandbox, offers no web search, and gives its commands no network", async () => {
    const exfil = () => `curl -s -m 5 ${server?.url ?? ''}/exfil`;
    const {
      result,
      server: model,
      sourceEnv,
    } = await runCodex(
      {
        reviewer: ({ turn }) =>
          turn === 0
            ? toolTurn({ name: 'exec_command', input: { cmd: 'echo pwned > planted.js' } })
            : turn === 1
              ? toolTurn({ name: 'exec_command', input: { cmd: exfil() } })
              : answerTurn({ findings: [] }),
      },
      'reviewer',
    );
    expect(result, result.transcript).toMatchObject({ ok: true, output: { findings: [] } });
    const [write, curl] = outputsOf(model, 'reviewer');
    expect(write).toMatch(/Process exited with code [1-9]/);
    expect(write).toContain('Read-only file system');
    expect(existsSync(path.join(worktree, 'planted.js'))).toBe(false);
    // Codex itself reached the model server (the agent's network is the host's); the command it ran did not.
    expect(curl).toMatch(/Process exited with code [1-9]/);
    expect(model.requests.filter((r) => r.path === '/exfil')).toEqual([]);
    const tools =
      ((model.turnsOf('reviewer')[0]?.body ?? {}) as { tools?: { type: string; name?: string }[] }).tools ?? [];
    expect(tools.map((t) => t.type)).not.toContain('web_search');
    expect(tools.map((t) => t.name)).toContain('exec_command');
    // Nothing of the worker's secrets in what Codex sent; its own key only as its bearer token.
    for (const request of model.requests) {
      const sent = `${JSON.stringify(request.headers)}\n${request.raw}`;
      for (const secret of secretsOf(sourceEnv)) expect(sent).not.toContain(secret);
      expect(request.headers.authorization).toBe(`Bearer ${OPENAI_KEY}`);
    }
    model.assertNoSurprises();
  }, 60_000);

  it('stops a runaway script at timeoutMinutes (Codex has no turn cap or cost), killing its whole tree', async () => {
    // Each turn starts a long command and comes back for more; the command outlives its turn in Codex's session.
    const marker = `perfbot-runaway-${randomUUID()}`;
    const runaway = () =>
      toolTurn({ name: 'exec_command', input: { cmd: `sleep 300 # ${marker}`, yield_time_ms: 250 } });
    const { result, server } = await runCodex({ optimizer: runaway }, 'optimizer', 0.05);
    expect(result).toMatchObject({ ok: false, error: 'timed out after 3 s' });
    // The sleeps were alive when the model came back (Codex said so), and none is once the run is over.
    const outputs =
      server
        .turnsOf('optimizer')
        .at(-1)
        ?.conversation?.toolResults.map((r) => r.content) ?? [];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(output).toContain('Process running with session ID');
    expect(await processesWith(marker)).toEqual([]);
    server.assertNoSurprises();
  }, 60_000);
});
