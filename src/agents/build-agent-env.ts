import { CHILD_ENV_ALLOW_LIST } from '../benchmark/runner/build-child-env.ts';
import { isForbiddenAgentEnvName } from './agent-env-names.ts';

/** The protocol's variables, set by the runner for every agent process. */
export interface AgentProtocolEnv {
  PERFBOT_ROLE: string;
  PERFBOT_REVIEWER?: string;
  PERFBOT_PROMPT_FILE: string;
  PERFBOT_OUTPUT_FILE: string;
}

/**
 * The entire environment of one agent process: the same allow-list as benchmark processes (PATH, HOME,
 * locale, toolchain locations), the variables the operator config names for this agent only (its API key),
 * and the protocol variables (none for the start-up `--version` check). Nothing else is inherited: never the
 * GitHub token, app key or Redis URL, even if the operator config names them (the config schema refuses them too).
 */
export function buildAgentEnv(
  sourceEnv: Readonly<Record<string, string | undefined>>,
  keyNames: readonly string[],
  protocol?: AgentProtocolEnv,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(sourceEnv)) {
    const allowed = CHILD_ENV_ALLOW_LIST.includes(name) || name.startsWith('LC_');
    if (value !== undefined && allowed && !isForbiddenAgentEnvName(name)) env[name] = value;
  }
  for (const name of keyNames) {
    const value = sourceEnv[name];
    if (value !== undefined && !isForbiddenAgentEnvName(name)) env[name] = value;
  }
  const protocolVars: Record<string, string | undefined> = { ...protocol };
  for (const [name, value] of Object.entries(protocolVars)) if (value !== undefined) env[name] = value;
  return env;
}

/** The values of the agent's keys, for the transcript's redactor. */
export function agentSecretValues(
  sourceEnv: Readonly<Record<string, string | undefined>>,
  keyNames: readonly string[],
): string[] {
  return keyNames.flatMap((name) => {
    const value = sourceEnv[name];
    return value === undefined ? [] : [value];
  });
}
