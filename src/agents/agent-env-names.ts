/**
 * Environment variables an agent must never receive, even when the operator config names them: the bot's own
 * credentials and connections (GitHub token and app key, Redis, webhook secret), the protocol's own
 * `PERFBOT_*` variables, and variables that inject code into every program the agent starts.
 */
const FORBIDDEN_AGENT_ENV = [
  /^(?:GITHUB_|GH_|REDIS|PERFBOT_)/i,
  /PRIVATE_KEY|WEBHOOK_SECRET|DATABASE_URL/i,
  /^(?:NODE_OPTIONS|PYTHONSTARTUP|BASH_ENV|ENV|LD_PRELOAD|LD_LIBRARY_PATH)$/,
  /^BASH_FUNC_/,
];

/** A plain environment variable name (what a shell would export). */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether an agent may be given the variable `name` (see {@link FORBIDDEN_AGENT_ENV}). */
export function isForbiddenAgentEnvName(name: string): boolean {
  return FORBIDDEN_AGENT_ENV.some((pattern) => pattern.test(name));
}
