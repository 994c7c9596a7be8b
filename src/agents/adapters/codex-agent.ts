import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Agent, AgentRequest } from '../agent.ts';
import type { AgentFiles, AgentReply } from '../agent-invocation.ts';
import { createProtocolAgent, type AgentDependencies } from '../create-protocol-agent.ts';
import { extractJsonReply } from '../extract-json-reply.ts';
import type { CodexAgentConfig } from '../operator-config.ts';

const LAST_MESSAGE_FILE = 'last-message.md';

/**
 * OpenAI Codex CLI, non-interactive:
 * `codex exec --sandbox read-only|workspace-write --skip-git-repo-check --ephemeral --color never
 * -c web_search="disabled" --output-last-message FILE [--model M] -` — the trailing `-` reads the prompt from stdin.
 * - Analyzer and reviewers run in the `read-only` sandbox; the optimizer in `workspace-write` (writes only in
 *   the worktree, no network for the commands it runs). `codex exec` never asks for approvals. Codex builds that
 *   sandbox with bubblewrap around each command, so Perfbot's sandbox lets it create user namespaces.
 * - The provider's hosted web search is off: the prompt holds untrusted text that could ask to send the code out.
 * - The provider, its base URL and wire API (`responses`; Codex 0.171 refuses `chat`) come from
 *   `.codex/config.toml` in the operator's `home` folder.
 * - Result: Codex itself writes the agent's final message to FILE (in the run's temporary folder, which the
 *   sandboxed agent cannot write); the JSON is extracted from it. Codex reports no cost, so `maxCostUsd`
 *   cannot be checked for it.
 */
export function createCodexAgent(name: string, config: CodexAgentConfig, dependencies: AgentDependencies): Agent {
  return createProtocolAgent({
    name,
    config,
    delivery: 'final-message',
    invocation: (request, files) => ({
      argv: codexArgv(config, request, files),
      readReply: () => readLastMessage(files),
      nestedSandbox: true,
    }),
    dependencies,
  });
}

function codexArgv(config: CodexAgentConfig, request: AgentRequest, files: AgentFiles): string[] {
  return [
    config.executable,
    'exec',
    '--sandbox',
    request.role === 'optimizer' ? 'workspace-write' : 'read-only',
    '--skip-git-repo-check',
    '--ephemeral',
    '--color',
    'never',
    '-c',
    'web_search="disabled"',
    '--output-last-message',
    path.join(files.scratchDir, LAST_MESSAGE_FILE),
    ...(config.model === undefined ? [] : ['--model', config.model]),
    '-',
  ];
}

async function readLastMessage(files: AgentFiles): Promise<AgentReply> {
  let message: string;
  try {
    message = await readFile(path.join(files.scratchDir, LAST_MESSAGE_FILE), 'utf8');
  } catch {
    return { error: 'Codex wrote no final message' };
  }
  const jsonText = extractJsonReply(message);
  return jsonText === undefined ? { error: 'the final message holds no JSON result' } : { jsonText };
}
