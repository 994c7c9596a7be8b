import { describe, expect, it } from 'vitest';
import { renderAgentList } from '../../../src/reports/replies/render-agent-list.ts';

describe('renderAgentList', () => {
  it('names each agent with its type, the version it reported and the default', () => {
    const agents = [
      { name: 'claude', type: 'claude-code', version: '2.1.332 (Claude Code)', isDefault: true },
      { name: 'local', type: 'command', isDefault: false },
    ];
    expect(renderAgentList(agents)).toBe(
      'Agents for `/perf optimize` on this installation (`optimize.agent` in `.github/perf.yml` picks one): `claude` (claude-code, `2.1.332 (Claude Code)`, the default), `local` (command).',
    );
  });

  it('says when there are none', () => {
    expect(renderAgentList([])).toBe(
      'This Perfbot installation has no agents configured, so `/perf optimize` cannot run here.',
    );
  });

  it('shows a version with backticks or markup as code', () => {
    expect(renderAgentList([{ name: 'x', type: 'aider', version: 'aider `0.1` <b>', isDefault: false }])).toContain(
      '(aider, `` aider `0.1` <b> ``)',
    );
  });
});
