import { RepoConfigError } from '../domain/errors.ts';
import type { AgentConfig, OperatorConfig } from './operator-config.ts';

/** The agent a run uses: its operator-config name and settings. */
export interface SelectedAgent {
  name: string;
  config: AgentConfig;
}

/**
 * Picks the agent for a run: the one perf.yml's `optimize.agent` names, or the operator's default.
 * A repository can only choose among the agents the operator configured.
 * @throws RepoConfigError (a user error, shown on the pull request) when `name` is not configured; the
 * message lists the agents that are.
 */
export function selectAgent(operatorConfig: OperatorConfig, name?: string): SelectedAgent {
  const names = Object.keys(operatorConfig.agents);
  const wanted = name ?? operatorConfig.default ?? names[0];
  const config = wanted === undefined ? undefined : operatorConfig.agents[wanted];
  if (wanted !== undefined && config !== undefined && Object.hasOwn(operatorConfig.agents, wanted)) {
    return { name: wanted, config };
  }
  const available = names.map((candidate) => JSON.stringify(candidate)).join(', ');
  const message =
    `optimize.agent: this Perfbot installation has no agent named ${JSON.stringify(wanted)}; ` +
    `choose one of: ${available}.`;
  throw new RepoConfigError(message, [{ path: 'optimize.agent', message }]);
}
