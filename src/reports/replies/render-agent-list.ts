import { codeSpan } from '../markdown.ts';

/** One agent of the operator config, as `/perf help` and `/perf status` list it. */
export interface AgentListEntry {
  name: string;
  /** `claude-code`, `codex`, `aider`, `command`. */
  type: string;
  /** What its `--version` printed at start. */
  version?: string;
  isDefault: boolean;
}

/** The agents `/perf optimize` can use on this installation, in one sentence; an empty list says there are none. */
export function renderAgentList(agents: readonly AgentListEntry[]): string {
  if (agents.length === 0)
    return 'This Perfbot installation has no agents configured, so `/perf optimize` cannot run here.';
  const items = agents.map((agent) => {
    const details = [
      agent.type,
      ...(agent.version === undefined ? [] : [codeSpan(agent.version)]),
      ...(agent.isDefault ? ['the default'] : []),
    ];
    return `${codeSpan(agent.name)} (${details.join(', ')})`;
  });
  return `Agents for \`/perf optimize\` on this installation (\`optimize.agent\` in \`.github/perf.yml\` picks one): ${items.join(', ')}.`;
}
