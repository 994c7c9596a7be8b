import type { Agent, AgentRequest, AgentResult, AgentRole } from './agent.ts';
import type { AgentFiles, AgentInvocation, ResultDelivery } from './agent-invocation.ts';
import type { AgentConfig } from './operator-config.ts';
import { runAgentProcess } from './run-agent-process.ts';
import type { RunUntrusted } from '../sandbox/sandbox.ts';

/** What every adapter factory receives besides its config. */
export interface AgentDependencies {
  /** The operator's environment, read only for the allow-list and the keys this agent's config names. */
  env: Readonly<Record<string, string | undefined>>;
  /** The sandbox every agent process runs in (its worktree, a fresh home, the network its config allows). */
  sandbox: RunUntrusted;
  /** Grace between SIGTERM and SIGKILL when a run is killed (tests shorten it). */
  killGraceMs?: number;
}

export interface ProtocolAgentOptions {
  name: string;
  config: AgentConfig;
  delivery: ResultDelivery;
  /** The tool's argv and result reader for one request and its files. */
  invocation: (request: AgentRequest, files: AgentFiles) => AgentInvocation;
  dependencies: AgentDependencies;
}

/** An `Agent` whose runs go through `runAgentProcess`; adapters only say how to invoke their tool. */
export function createProtocolAgent(options: ProtocolAgentOptions): Agent {
  const { config } = options;
  return {
    name: options.name,
    type: config.type,
    run<R extends AgentRole>(request: AgentRequest<R>): Promise<AgentResult<R>> {
      return runAgentProcess({
        request,
        invocation: (files) => options.invocation(request, files),
        delivery: options.delivery,
        sourceEnv: options.dependencies.env,
        keyNames: config.env,
        timeoutMs: config.timeoutMinutes * 60_000,
        maxCostUsd: config.maxCostUsd,
        killGraceMs: options.dependencies.killGraceMs,
        sandbox: options.dependencies.sandbox,
        network: config.network,
        readOnly: config.readOnly,
        writable: config.writable,
        ...(config.home === undefined ? {} : { home: config.home }),
      });
    },
  };
}
