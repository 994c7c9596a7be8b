import { accessSync, constants, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OperatorConfigError, SandboxUnavailableError } from '../domain/errors.ts';
import type { RunUntrusted } from '../sandbox/sandbox.ts';
import { agentInstallationPaths } from './agent-installation-paths.ts';
import { buildAgentEnv } from './build-agent-env.ts';
import { describeAgentType } from './describe-agent-type.ts';
import type { AgentConfig, AgentType, OperatorConfig } from './operator-config.ts';

/** An agent of the operator config that answered at start: what `/perf help` lists. */
export interface AvailableAgent {
  name: string;
  type: AgentType;
  /** The first line its `--version` printed (`2.1.332 (Claude Code)`); none for `command` agents. */
  version?: string;
  /** The agent a repository gets when its perf.yml names none. */
  isDefault: boolean;
}

export interface CheckAgentExecutablesOptions {
  /** The config file, for the message. */
  file: string;
  /** The worker's environment: PATH to look the executables up on. */
  env: Readonly<Record<string, string | undefined>>;
  /** `--version` runs in the sandbox like every agent process (it also proves the installation is visible there). */
  sandbox: RunUntrusted;
  timeoutMs?: number;
}

const INSTALL_HINTS: Readonly<Record<AgentType, string>> = {
  'claude-code': 'Install it (`npm install -g @anthropic-ai/claude-code`)',
  codex: 'Install it (`npm install -g @openai/codex`)',
  aider: 'Install it (`python -m pip install aider-install && aider-install`)',
  command: 'Install it',
};

/**
 * Checks at start that every configured agent can run: its executable exists (an absolute path, or a name on
 * PATH) and, except for `command` agents (whose argv is the operator's own), answers `--version` in the sandbox.
 * When the sandbox cannot start on this machine the `--version` run is skipped: that problem is reported already.
 * @throws OperatorConfigError naming each agent that cannot run and what to do about it.
 */
export async function checkAgentExecutables(
  config: OperatorConfig,
  options: CheckAgentExecutablesOptions,
): Promise<AvailableAgent[]> {
  const results = await Promise.all(
    Object.entries(config.agents).map(([name, agent]) => checkAgent(name, agent, config.default ?? name, options)),
  );
  const problems = results.flatMap((result) => ('problem' in result ? [result.problem] : []));
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 agent that cannot run' : `${problems.length} agents that cannot run`;
    throw new OperatorConfigError(
      [`The operator config ${options.file} names ${count}:`, ...problems.map((p) => `  ${p}`)].join('\n'),
      [],
      options.file,
    );
  }
  return results.flatMap((result) => ('agent' in result ? [result.agent] : []));
}

async function checkAgent(
  name: string,
  agent: AgentConfig,
  defaultName: string,
  options: CheckAgentExecutablesOptions,
): Promise<{ agent: AvailableAgent } | { problem: string }> {
  const key = agent.type === 'command' ? `agents.${name}.command` : `agents.${name}.executable`;
  const label = `agents.${name} (${describeAgentType(agent.type)})`;
  const program = agent.type === 'command' ? agent.command[0] : agent.executable;
  const found = findExecutable(program ?? '', options.env.PATH);
  if (found === undefined) {
    const where = program?.includes('/')
      ? `${JSON.stringify(program)} is not an executable file`
      : `${JSON.stringify(program)} is not on PATH (${options.env.PATH ?? ''})`;
    return { problem: `${label}: ${where}. ${INSTALL_HINTS[agent.type]} or set ${key} to its absolute path.` };
  }
  const available: AvailableAgent = { name, type: agent.type, isDefault: name === defaultName };
  if (agent.type === 'command') return { agent: available };

  const cwd = await mkdtemp(path.join(os.tmpdir(), 'perfbot-agent-check-'));
  try {
    const argv = [found, '--version'];
    const env = buildAgentEnv(options.env, []);
    const run = await options.sandbox({
      command: argv,
      cwd,
      env,
      timeoutMs: options.timeoutMs ?? 20_000,
      writable: [cwd],
      readOnly: [...agentInstallationPaths(argv, env.PATH), ...agent.readOnly],
      network: 'none',
    });
    const firstLine = (text: string) =>
      text
        .split('\n')
        .map((line) => line.trim())
        .find((line) => line !== '');
    if (run.exitCode === 0 && !run.timedOut) {
      const version = firstLine(run.stdout);
      return { agent: version === undefined ? available : { ...available, version } };
    }
    const how = run.timedOut
      ? 'did not answer within 20 s'
      : run.exitCode === null
        ? `was killed (${run.signal ?? 'signal'})`
        : `exited with code ${run.exitCode}`;
    const said = firstLine(run.stderr) ?? firstLine(run.stdout);
    return {
      problem:
        `${label}: \`${found} --version\` ${how} in the sandbox${said === undefined ? '' : `: ${said.slice(0, 200)}`}. ` +
        `Check its installation; if it lives outside /usr and its own folder, list the folders it needs under agents.${name}.readOnly.`,
    };
  } catch (error) {
    if (error instanceof SandboxUnavailableError) return { agent: available };
    throw error;
  } finally {
    await rm(cwd, { recursive: true, force: true });
  }
}

/** The absolute path of `program` (a path, or a name looked up on `searchPath`) when it is an executable file. */
function findExecutable(program: string, searchPath: string | undefined): string | undefined {
  const candidates = program.includes('/')
    ? [path.resolve(program)]
    : (searchPath ?? '')
        .split(':')
        .filter(Boolean)
        .map((dir) => path.join(dir, program));
  return candidates.find((candidate) => {
    try {
      accessSync(candidate, constants.X_OK);
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}
