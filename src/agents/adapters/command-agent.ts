import type { Agent } from '../agent.ts';
import { createProtocolAgent, type AgentDependencies } from '../create-protocol-agent.ts';
import type { CommandAgentConfig } from '../operator-config.ts';

/**
 * An agent that is any program following the protocol as is: its argv comes from the operator config and
 * nothing is added. It reads the prompt from stdin or `PERFBOT_PROMPT_FILE` and writes its JSON result to
 * `PERFBOT_OUTPUT_FILE`. Used for in-house agents and for Perfbot's own scripted test agents.
 */
export function createCommandAgent(name: string, config: CommandAgentConfig, dependencies: AgentDependencies): Agent {
  return createProtocolAgent({
    name,
    config,
    delivery: 'output-file',
    invocation: () => ({ argv: config.command }),
    dependencies,
  });
}
