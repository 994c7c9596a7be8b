import { describe, expect, it } from 'vitest';
import { isAgentConfigPath } from '../../../src/agents/agent-config-paths.ts';

describe('isAgentConfigPath', () => {
  it.each([
    ['CLAUDE.md', true],
    ['.claude/settings.json', true],
    ['.mcp.json', true],
    ['./AGENTS.md', true],
    ['.codex/config.toml', true],
    ['.husky/pre-commit', true],
    ['.gitmodules', true],
    ['.aider.model.settings.yml', true],
    ['packages/core/CLAUDE.md', true],
    ['docs/AGENTS.md', true],
    ['src/claude.ts', false],
    ['docs/CLAUDE.md.bak', false],
    ['src/.claude-notes/x', false],
    ['README.md', false],
  ])('%s → %s', (repoPath, expected) => {
    expect(isAgentConfigPath(repoPath)).toBe(expected);
  });
});
