import { extractJsonDocument } from '../../benchmark/parsers/extract-json-document.ts';
import type { Agent, AgentRequest } from '../agent.ts';
import type { AgentReply } from '../agent-invocation.ts';
import { createProtocolAgent, type AgentDependencies } from '../create-protocol-agent.ts';
import { extractJsonReply } from '../extract-json-reply.ts';
import type { ClaudeCodeAgentConfig } from '../operator-config.ts';

/** Reading the code and its history; no tool that writes, and no shell beyond read-only git. */
export const CLAUDE_READ_ONLY_TOOLS = [
  'Read',
  'Glob',
  'Grep',
  'Bash(git diff:*)',
  'Bash(git log:*)',
  'Bash(git show:*)',
  'Bash(git status:*)',
] as const;
/** The optimizer also edits files (in the worktree: Claude Code keeps edits inside its working folder). */
export const CLAUDE_EDIT_TOOLS = ['Edit', 'Write'] as const;
/**
 * The built-in tools that exist at all in a run (`--tools`): without it Claude Code also offers subagents
 * (`Agent`), skills, workflows, scheduled wake-ups and a `ToolSearch` that loads more (cron, worktrees,
 * notebooks). `Bash` is there for the read-only git commands above; any other command needs an approval that
 * nobody can give in print mode.
 */
const CLAUDE_BUILT_IN_TOOLS = ['Read', 'Glob', 'Grep', 'Bash'] as const;
/** Never: the network (the prompt holds untrusted text that could ask to send the code somewhere). */
const CLAUDE_NETWORK_TOOLS = ['WebFetch', 'WebSearch'] as const;
const CLAUDE_WRITE_TOOLS = ['Edit', 'Write', 'NotebookEdit'] as const;
/** Result subtypes of Claude Code's own caps: the run stopped as configured, and a retry would spend it again. */
const CAP_STOPS: Readonly<Record<string, string>> = {
  error_max_turns: 'its turn limit (`maxTurns` in the operator config)',
  error_max_budget_usd: 'its budget (`maxCostUsd` in the operator config)',
};

/**
 * Claude Code in print mode:
 * `claude -p --output-format json --model M --permission-mode default|acceptEdits --tools … --allowedTools …
 * --disallowedTools … --strict-mcp-config --no-session-persistence [--max-turns N] [--max-budget-usd X]`, the
 * prompt on stdin.
 * - Analyzer and reviewers get read-only tools; the optimizer also Edit/Write with `acceptEdits`. `--tools` removes
 *   every other built-in tool; in print mode a tool that is not allowed is refused (nobody can approve it). Web
 *   tools are always refused, and `--strict-mcp-config` (without `--mcp-config`) loads no MCP server at all.
 * - A run that stops at `--max-turns` or `--max-budget-usd` fails at once, without the protocol's retry.
 * - Result: Claude Code cannot write outside its working folder, so it ends its reply with the JSON; the reply
 *   is the `result` field of the JSON envelope printed on stdout, whose `total_cost_usd` is checked against
 *   `maxCostUsd` (also passed as `--max-budget-usd`, which needs a recent Claude Code).
 */
export function createClaudeCodeAgent(
  name: string,
  config: ClaudeCodeAgentConfig,
  dependencies: AgentDependencies,
): Agent {
  return createProtocolAgent({
    name,
    config,
    delivery: 'final-message',
    invocation: (request) => ({
      argv: claudeArgv(config, request),
      readReply: ({ stdout }) => Promise.resolve(readClaudeEnvelope(stdout)),
    }),
    dependencies,
  });
}

function claudeArgv(config: ClaudeCodeAgentConfig, request: AgentRequest): string[] {
  const edits = request.role === 'optimizer';
  const allowed = edits ? [...CLAUDE_READ_ONLY_TOOLS, ...CLAUDE_EDIT_TOOLS] : [...CLAUDE_READ_ONLY_TOOLS];
  const disallowed = edits ? [...CLAUDE_NETWORK_TOOLS] : [...CLAUDE_NETWORK_TOOLS, ...CLAUDE_WRITE_TOOLS];
  return [
    config.executable,
    '-p',
    '--output-format',
    'json',
    ...(config.model === undefined ? [] : ['--model', config.model]),
    '--permission-mode',
    edits ? 'acceptEdits' : 'default',
    '--tools',
    (edits ? [...CLAUDE_BUILT_IN_TOOLS, ...CLAUDE_EDIT_TOOLS] : CLAUDE_BUILT_IN_TOOLS).join(','),
    '--allowedTools',
    allowed.join(','),
    '--disallowedTools',
    disallowed.join(','),
    '--strict-mcp-config',
    // The private home is discarded after the run anyway; nothing needs the session on disk.
    '--no-session-persistence',
    ...(config.maxTurns === undefined ? [] : ['--max-turns', String(config.maxTurns)]),
    ...(config.maxCostUsd === undefined ? [] : ['--max-budget-usd', String(config.maxCostUsd)]),
  ];
}

/**
 * `{"type":"result","subtype":"success","is_error":false,"result":"…","total_cost_usd":0.12,…}`; a failed run has
 * `is_error`, a `subtype` (`error_max_turns`, `error_max_budget_usd`, `error_during_execution`) and `errors`.
 */
export function readClaudeEnvelope(stdout: string): AgentReply {
  const envelope = extractJsonDocument(stdout) as Record<string, unknown> | undefined;
  if (envelope === undefined || Array.isArray(envelope) || envelope.type !== 'result') {
    return { error: 'Claude Code printed no JSON result envelope' };
  }
  const cost = typeof envelope.total_cost_usd === 'number' ? { costUsd: envelope.total_cost_usd } : {};
  const message = typeof envelope.result === 'string' ? envelope.result : '';
  if (envelope.is_error === true || (envelope.subtype !== undefined && envelope.subtype !== 'success')) {
    const subtype = typeof envelope.subtype === 'string' ? envelope.subtype : 'error';
    const errors = Array.isArray(envelope.errors) ? envelope.errors.filter((e) => typeof e === 'string') : [];
    const detail = [...errors, message]
      .filter((text) => text !== '')
      .join('; ')
      .slice(0, 300);
    const cap = CAP_STOPS[subtype];
    if (cap !== undefined) {
      return { ...cost, final: true, error: `Claude Code stopped at ${cap}${detail === '' ? '' : `: ${detail}`}` };
    }
    return { ...cost, error: `Claude Code reported ${subtype}${detail === '' ? '' : `: ${detail}`}` };
  }
  const jsonText = extractJsonReply(message);
  return jsonText === undefined ? { ...cost, error: 'the final message holds no JSON result' } : { ...cost, jsonText };
}
