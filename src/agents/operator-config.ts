import { z } from 'zod';
import { expected, expectedOneOf } from '../config/expected.ts';
import { ENV_NAME, isForbiddenAgentEnvName } from './agent-env-names.ts';
import { SANDBOX_NETWORKS } from '../sandbox/sandbox.ts';

const text = expected('a non-empty string');
const nonEmptyString = () => z.string(text).min(1, text);
const absolutePath = expected('an absolute path');
const absolutePaths = () =>
  z.array(z.string(absolutePath).startsWith('/', absolutePath), expected('a list of absolute paths'));

const envName = z
  .string(expected('an environment variable name'))
  .regex(ENV_NAME, expected('an environment variable name like ANTHROPIC_API_KEY'))
  .refine((name) => !isForbiddenAgentEnvName(name), {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is one of the bot's own secrets or a code-injection variable; ` +
      'agents never receive it',
  });

/** Settings every agent type has. */
const common = {
  timeoutMinutes: z
    .number(expected('a positive number of minutes'))
    .positive(expected('a positive number of minutes'))
    .default(20)
    .describe('Longest one agent run may take (both attempts together); then its process tree is killed.'),
  maxCostUsd: z
    .number(expected('a positive amount in US dollars'))
    .positive(expected('a positive amount in US dollars'))
    .optional()
    .describe('Budget of one agent run, checked against the cost the agent reports (Claude Code, Aider).'),
  env: z
    .array(envName, expected('a list of environment variable names'))
    .default([])
    .describe("Names of the operator's environment variables passed to this agent (and to no other)."),
  network: z
    .enum(SANDBOX_NETWORKS, expectedOneOf(SANDBOX_NETWORKS))
    .default('outbound')
    .describe(
      "The agent's network inside the sandbox: outbound (the internet, to reach its provider; never the worker's own or private addresses), none, or host (the worker's network, e.g. a model server on a private address).",
    ),
  readOnly: absolutePaths()
    .default([])
    .describe('Extra folders the agent may read inside the sandbox (its installation, if outside /usr).'),
  home: z
    .string(expected('an absolute path'))
    .startsWith('/', expected('an absolute path'))
    .optional()
    .describe(
      "A folder copied into the agent's private home before each run (its CLI's settings, e.g. .claude/ or .codex/config.toml); what the agent changes there is discarded. Without it the home is empty.",
    ),
  coAuthor: z
    .string(expected('"Name <email>"'))
    .regex(
      /^[^<>\n]+ <[^<>\s]+@[^<>\s]+>$/,
      expected('"Name <email>", e.g. "Claude Sonnet 4.5 <noreply@anthropic.com>"'),
    )
    .optional()
    .describe('Who the commits of this agent name as co-author (a Co-Authored-By trailer), as "Name <email>".'),
  writable: absolutePaths()
    .default([])
    .describe(
      "Folders the agent may write besides its worktree (an audit log, a cache). The operator's choice: never the work dir or anything holding secrets.",
    ),
};

const executable = (name: string) =>
  nonEmptyString().default(name).describe(`The ${name} executable: a name looked up on PATH, or an absolute path.`);
const model = nonEmptyString().optional().describe('Model name, passed to the tool as is.');

export const ClaudeCodeAgentConfig = z.strictObject(
  {
    type: z.literal('claude-code'),
    executable: executable('claude'),
    model,
    maxTurns: z
      .int(expected('a positive whole number'))
      .positive(expected('a positive whole number'))
      .optional()
      .describe('Passed as --max-turns.'),
    ...common,
  },
  expected('a mapping of agent settings'),
);
export type ClaudeCodeAgentConfig = z.infer<typeof ClaudeCodeAgentConfig>;
export const CodexAgentConfig = z.strictObject(
  { type: z.literal('codex'), executable: executable('codex'), model, ...common },
  expected('a mapping of agent settings'),
);
export type CodexAgentConfig = z.infer<typeof CodexAgentConfig>;
export const AiderAgentConfig = z.strictObject(
  { type: z.literal('aider'), executable: executable('aider'), model, ...common },
  expected('a mapping of agent settings'),
);
export type AiderAgentConfig = z.infer<typeof AiderAgentConfig>;
export const CommandAgentConfig = z.strictObject(
  {
    type: z.literal('command'),
    command: z
      .array(nonEmptyString(), expected('a non-empty argv list, e.g. ["node", "/opt/agent.mjs"]'))
      .min(1, expected('a non-empty argv list, e.g. ["node", "/opt/agent.mjs"]'))
      .describe('The argv to run, exactly; nothing is added.'),
    ...common,
  },
  expected('a mapping of agent settings'),
);
export type CommandAgentConfig = z.infer<typeof CommandAgentConfig>;

const agentName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected an agent name of letters, digits, ".", "_" or "-"');

export const AGENT_TYPES = ['claude-code', 'codex', 'aider', 'command'] as const;
export type AgentType = (typeof AGENT_TYPES)[number];

export const AgentConfig = z.discriminatedUnion(
  'type',
  [ClaudeCodeAgentConfig, CodexAgentConfig, AiderAgentConfig, CommandAgentConfig],
  {
    error: (issue) => {
      const type = (issue.input as { type?: unknown } | undefined)?.type;
      if (typeof issue.input !== 'object' || issue.input === null) {
        return expected('a mapping of agent settings').error(issue);
      }
      // zod reports this issue at `<agent>.type` already.
      return expectedOneOf(AGENT_TYPES).error({ ...issue, input: type });
    },
  },
);
export type AgentConfig = z.infer<typeof AgentConfig>;

/**
 * The operator's (server-side) config: which AI agents this Perfbot installation may run, and with which keys.
 * Not the repository's perf.yml: a repository only picks one of these agents by name (`optimize.agent`).
 */
export const OperatorConfig = z
  .strictObject(
    {
      agents: z
        .record(agentName, AgentConfig, expected('a mapping of agent names to agent settings'))
        .refine((agents) => Object.keys(agents).length > 0, 'expected at least one agent')
        .describe('The agents, by the name perf.yml uses to pick one.'),
      default: nonEmptyString()
        .optional()
        .describe('The agent used when perf.yml names none; required with several agents.'),
    },
    expected('a mapping with "agents" and "default"'),
  )
  .superRefine((config, context) => {
    const names = Object.keys(config.agents);
    const list = names.join(', ');
    if (config.default === undefined && names.length > 1) {
      const message = `missing; expected the name of one of the agents (${list})`;
      context.addIssue({ code: 'custom', path: ['default'], message });
    } else if (config.default !== undefined && !names.includes(config.default)) {
      context.addIssue({
        code: 'custom',
        path: ['default'],
        message: `expected the name of one of the agents (${list}), got ${JSON.stringify(config.default)}`,
      });
    }
  });
export type OperatorConfig = z.infer<typeof OperatorConfig>;
