/**
 * Files and folders at the root of a repository that agent tools read as configuration or instructions, or
 * that make git run code: a pull request could plant them to steer the agent (prompt injection through
 * `CLAUDE.md`), run commands (Claude Code hooks in `.claude/settings.json`), add MCP servers (`.mcp.json`), or
 * send the operator's API key elsewhere (`.aider.model.settings.yml` can set an API base URL). Before an agent
 * runs, `restoreAgentConfig` replaces them with the base commit's versions.
 */
export const AGENT_CONFIG_PATHS: readonly string[] = [
  'CLAUDE.md',
  'CLAUDE.local.md',
  '.claude',
  '.claude.json',
  '.mcp.json',
  'AGENTS.md',
  '.codex',
  '.aider.conf.yml',
  '.aiderignore',
  '.aider.model.settings.yml',
  '.aider.model.metadata.json',
  '.gitmodules',
  '.husky',
];

/** Instruction files that Claude Code and Codex also read from subdirectories, wherever they are. */
export const NESTED_AGENT_INSTRUCTION_FILES: readonly string[] = ['CLAUDE.md', 'CLAUDE.local.md', 'AGENTS.md'];

/**
 * Whether a repository-relative path is agent configuration (see {@link AGENT_CONFIG_PATHS}): the commit phase
 * must leave these out of an optimization commit, because `restoreAgentConfig` changed them in the worktree.
 */
export function isAgentConfigPath(repoPath: string): boolean {
  const segments = repoPath.split('/').filter((segment) => segment !== '' && segment !== '.');
  const [first] = segments;
  if (first !== undefined && AGENT_CONFIG_PATHS.includes(first)) return true;
  const last = segments.at(-1);
  return last !== undefined && NESTED_AGENT_INSTRUCTION_FILES.includes(last);
}
