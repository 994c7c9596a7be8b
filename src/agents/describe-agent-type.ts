import type { AgentType } from './operator-config.ts';

const NAMES: Readonly<Record<AgentType, string>> = {
  'claude-code': 'Claude Code',
  codex: 'Codex',
  aider: 'Aider',
  command: 'command',
};

/** The product name of an agent type, for messages and replies (`claude-code` → `Claude Code`). */
export function describeAgentType(type: AgentType): string {
  return NAMES[type];
}
