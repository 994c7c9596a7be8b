import type { Agent } from './agent.ts';
import { createAiderAgent } from './adapters/aider-agent.ts';
import { createClaudeCodeAgent } from './adapters/claude-code-agent.ts';
import { createCodexAgent } from './adapters/codex-agent.ts';
import { createCommandAgent } from './adapters/command-agent.ts';
import type { AgentDependencies } from './create-protocol-agent.ts';
import type { AgentConfig } from './operator-config.ts';

/**
 * The adapter registry: builds the `Agent` for one entry of the operator config. Only the composition root
 * calls this; phases receive the `Agent`.
 */
export function createAgent(name: string, config: AgentConfig, dependencies: AgentDependencies): Agent {
  switch (config.type) {
    case 'claude-code':
      return createClaudeCodeAgent(name, config, dependencies);
    case 'codex':
      return createCodexAgent(name, config, dependencies);
    case 'aider':
      return createAiderAgent(name, config, dependencies);
    case 'command':
      return createCommandAgent(name, config, dependencies);
  }
}
