import { describe, expect, it } from 'vitest';
import { parseOperatorConfig } from '../../../src/agents/load-operator-config.ts';
import { OperatorConfigError, RepoConfigError } from '../../../src/domain/errors.ts';
import { selectAgent } from '../../../src/agents/select-agent.ts';

const EXAMPLE = `agents:
  claude:
    type: claude-code
    model: claude-sonnet-4-5   # adapter-specific options
    timeoutMinutes: 20
    maxCostUsd: 5
    env: [ANTHROPIC_API_KEY]   # names of operator env vars passed to this agent only
  codex: { type: codex, model: gpt-5-codex, timeoutMinutes: 20, env: [OPENAI_API_KEY] }
  aider: { type: aider, model: sonnet, env: [ANTHROPIC_API_KEY] }
  scripted:
    type: command
    command: ["node", "/opt/perfbot/agents/my-agent.mjs"]
    timeoutMinutes: 5
    network: host              # a model server on the worker's network
    readOnly: [/opt/perfbot/agents]
    writable: [/var/log/perfbot-agent]
default: claude
`;

/** What an agent gets in the sandbox when its config says nothing. */
const SANDBOX_DEFAULTS = { network: 'outbound', readOnly: [], writable: [] };

function problems(yaml: string): string {
  try {
    parseOperatorConfig(yaml, 'perfbot.yml');
  } catch (error) {
    expect(error).toBeInstanceOf(OperatorConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be rejected');
}

describe('parseOperatorConfig', () => {
  it('parses the documented example, filling in defaults', () => {
    expect(parseOperatorConfig(EXAMPLE, 'perfbot.yml')).toEqual({
      agents: {
        claude: {
          type: 'claude-code',
          executable: 'claude',
          model: 'claude-sonnet-4-5',
          timeoutMinutes: 20,
          maxCostUsd: 5,
          env: ['ANTHROPIC_API_KEY'],
          ...SANDBOX_DEFAULTS,
        },
        codex: {
          type: 'codex',
          executable: 'codex',
          model: 'gpt-5-codex',
          timeoutMinutes: 20,
          env: ['OPENAI_API_KEY'],
          ...SANDBOX_DEFAULTS,
        },
        aider: {
          type: 'aider',
          executable: 'aider',
          model: 'sonnet',
          timeoutMinutes: 20,
          env: ['ANTHROPIC_API_KEY'],
          ...SANDBOX_DEFAULTS,
        },
        scripted: {
          type: 'command',
          command: ['node', '/opt/perfbot/agents/my-agent.mjs'],
          timeoutMinutes: 5,
          env: [],
          network: 'host',
          readOnly: ['/opt/perfbot/agents'],
          writable: ['/var/log/perfbot-agent'],
        },
      },
      default: 'claude',
    });
  });

  it('names every problem with its key path and line:column', () => {
    const yaml = [
      'agents:',
      '  claude:',
      '    type: claude-code',
      '    timeoutMinutes: 0',
      '    env: [ANTHROPIC_API_KEY, GITHUB_TOKEN, "bad name"]',
      '    colour: blue',
      '  codex: { type: codx }',
      '  mine: { type: command }',
    ].join('\n');
    expect(problems(yaml)).toBe(
      [
        'The operator config perfbot.yml has 6 problems:',
        '  perfbot.yml:4:21: agents.claude.timeoutMinutes: expected a positive number of minutes, got 0',
        `  perfbot.yml:5:30: agents.claude.env[1]: "GITHUB_TOKEN" is one of the bot's own secrets or a code-injection variable; agents never receive it`,
        '  perfbot.yml:5:44: agents.claude.env[2]: expected an environment variable name like ANTHROPIC_API_KEY, got "bad name"',
        '  perfbot.yml:6:5: agents.claude.colour: unknown key (expected one of: type, executable, model, maxTurns, timeoutMinutes, maxCostUsd, env, network, readOnly, home, coAuthor, writable, command)',
        '  perfbot.yml:7:18: agents.codex.type: expected one of "claude-code", "codex", "aider", "command", got "codx" (did you mean "codex"?)',
        '  perfbot.yml:8:3: agents.mine.command: missing; expected a non-empty argv list, e.g. ["node", "/opt/agent.mjs"]',
      ].join('\n'),
    );
  });

  it('checks the sandbox settings: a known network, absolute paths', () => {
    const yaml = [
      'agents:',
      '  a:',
      '    type: command',
      '    command: [x]',
      '    network: internet',
      '    readOnly: [opt/tool, 5]',
      '    writable: /var/log',
    ].join('\n');
    expect(problems(yaml)).toBe(
      [
        'The operator config perfbot.yml has 4 problems:',
        '  perfbot.yml:5:14: agents.a.network: expected one of "none", "outbound", "host", got "internet"',
        '  perfbot.yml:6:16: agents.a.readOnly[0]: expected an absolute path, got "opt/tool"',
        '  perfbot.yml:6:26: agents.a.readOnly[1]: expected an absolute path, got 5',
        '  perfbot.yml:7:15: agents.a.writable: expected a list of absolute paths, got "/var/log"',
      ].join('\n'),
    );
  });

  it.each([['REDIS_URL'], ['PRIVATE_KEY'], ['GH_TOKEN'], ['PERFBOT_OUTPUT_FILE'], ['NODE_OPTIONS']])(
    'refuses to hand %s to an agent',
    (name) => {
      const yaml = `agents:\n  a: { type: command, command: [x], env: [${name}] }\n`;
      expect(problems(yaml)).toContain(`agents.a.env[0]: "${name}" is one of the bot's own secrets`);
    },
  );

  it('requires a default that names a configured agent when there are several', () => {
    const two = 'agents:\n  a: { type: command, command: [x] }\n  b: { type: command, command: [y] }\n';
    expect(problems(two)).toBe(
      'The operator config perfbot.yml has 1 problem:\n  perfbot.yml: default: missing; expected the name of one of the agents (a, b)',
    );
    expect(problems(`${two}default: c\n`)).toBe(
      'The operator config perfbot.yml has 1 problem:\n  perfbot.yml:4:10: default: expected the name of one of the agents (a, b), got "c"',
    );
  });

  it('reports YAML syntax errors and an empty agent list', () => {
    expect(problems('agents: [\n')).toMatch(/^The operator config perfbot.yml has 1 problem:\n {2}perfbot.yml:2:1: /);
    expect(problems('agents: {}\n')).toBe(
      'The operator config perfbot.yml has 1 problem:\n  perfbot.yml:1:9: agents: expected at least one agent',
    );
  });
});

describe('selectAgent', () => {
  const config = parseOperatorConfig(EXAMPLE, 'perfbot.yml');

  it('returns the named agent, or the default when perf.yml names none', () => {
    expect(selectAgent(config, 'codex')).toEqual({ name: 'codex', config: config.agents.codex });
    expect(selectAgent(config)).toEqual({ name: 'claude', config: config.agents.claude });
  });

  it('uses the only agent when there is no default', () => {
    const single = parseOperatorConfig('agents:\n  only: { type: command, command: [x] }\n', 'perfbot.yml');
    expect(selectAgent(single).name).toBe('only');
  });

  it('rejects an agent the operator did not configure, listing the ones it did', () => {
    for (const name of ['gpt', 'toString', '__proto__']) {
      expect(() => selectAgent(config, name)).toThrow(RepoConfigError);
      expect(() => selectAgent(config, name)).toThrow(
        `optimize.agent: this Perfbot installation has no agent named "${name}"; choose one of: "claude", "codex", "aider", "scripted".`,
      );
    }
  });
});

describe('coAuthor', () => {
  const withCoAuthor = (value: string) =>
    `agents:\n  claude: { type: claude-code, coAuthor: ${JSON.stringify(value)} }\n`;
  it('takes "Name <email>" for the Co-Authored-By trailer', () => {
    expect(
      parseOperatorConfig(withCoAuthor('Claude Sonnet 4.5 <noreply@anthropic.com>'), 'perfbot.yml').agents.claude
        ?.coAuthor,
    ).toBe('Claude Sonnet 4.5 <noreply@anthropic.com>');
  });
  it.each(['Claude', 'noreply@anthropic.com', 'Claude <noreply@anthropic.com>\nInjected: yes'])(
    'refuses %j, naming the form it expects',
    (value) => {
      expect(problems(withCoAuthor(value))).toContain('"Name <email>"');
    },
  );
});
