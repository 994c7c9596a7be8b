import path from 'node:path';
import type { Agent, AgentRequest } from '../agent.ts';
import type { AgentFiles, AgentReply } from '../agent-invocation.ts';
import { createProtocolAgent, type AgentDependencies } from '../create-protocol-agent.ts';
import { extractJsonReply } from '../extract-json-reply.ts';
import type { AiderAgentConfig } from '../operator-config.ts';

/** Aider's per-message report: `Tokens: 2.1k sent, 310 received. Cost: $0.01 message, $0.03 session.` */
const COST_LINE = /Cost: \$([\d.]+) message, \$([\d.]+) session/g;

/**
 * Aider, scripted: `aider --message-file PROMPT_FILE --chat-mode ask|code --yes-always --no-auto-commits
 * --no-dirty-commits --no-gitignore --no-pretty --no-stream --no-check-update --no-analytics
 * --no-show-model-warnings --no-detect-urls --no-suggest-shell-commands --no-auto-lint --env-file /dev/null
 * --input-history-file F --chat-history-file F [--model M]`.
 * - Analyzer and reviewers use the `ask` chat mode (answers, never edits); the optimizer `code`.
 * - Aider must not commit (the pipeline does), add `.aider*` to `.gitignore`, write history files into the
 *   worktree, fetch URLs from the prompt, run shell commands, or read a `.env` from the repository (it could set
 *   `AIDER_*` options such as the API base URL); the flags above turn each of these off.
 * - Result: Aider cannot write outside the repository, so it ends its reply with the JSON, extracted from
 *   stdout; the last `$… session` cost it prints is checked against `maxCostUsd`.
 */
export function createAiderAgent(name: string, config: AiderAgentConfig, dependencies: AgentDependencies): Agent {
  return createProtocolAgent({
    name,
    config,
    delivery: 'final-message',
    invocation: (request, files) => ({
      argv: aiderArgv(config, request, files),
      readReply: ({ stdout }) => Promise.resolve(readAiderReply(stdout)),
    }),
    dependencies,
  });
}

function aiderArgv(config: AiderAgentConfig, request: AgentRequest, files: AgentFiles): string[] {
  return [
    config.executable,
    '--message-file',
    files.promptFile,
    '--chat-mode',
    request.role === 'optimizer' ? 'code' : 'ask',
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
    path.join(files.scratchDir, 'aider.input.history'),
    '--chat-history-file',
    path.join(files.scratchDir, 'aider.chat.history.md'),
    ...(config.model === undefined ? [] : ['--model', config.model]),
  ];
}

/** The JSON at the end of Aider's reply on stdout, and the session cost it reported last. */
export function readAiderReply(stdout: string): AgentReply {
  const sessionCosts = [...stdout.matchAll(COST_LINE)].map((match) => Number(match[2]));
  const last = sessionCosts.at(-1);
  const cost = last === undefined || !Number.isFinite(last) ? {} : { costUsd: last };
  const jsonText = extractJsonReply(stdout);
  return jsonText === undefined ? { ...cost, error: 'the final message holds no JSON result' } : { ...cost, jsonText };
}
