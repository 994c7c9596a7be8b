import { createAgent } from '../agents/create-agent.ts';
import type { OperatorConfig } from '../agents/operator-config.ts';
import { selectAgent } from '../agents/select-agent.ts';
import { buildChildEnv } from '../benchmark/runner/build-child-env.ts';
import type { RepoConfig } from '../config/repo-config.ts';
import type { RunUntrusted } from '../sandbox/sandbox.ts';
import type { OptimizeContext } from './optimize-context.ts';

/** CI rounds after the first push: a failed CI gets this many fixes before the run stops. */
const MAX_CI_ROUNDS = 2;
/** The longest one run of the repository's tests may take (VERIFY, CONFIRM). */
const TEST_TIMEOUT_MS = 20 * 60_000;
/** Who Perfbot's commits are authored by; the agent and the requester are co-authors. */
const IDENTITY = { name: 'Perfbot', email: 'perfbot@users.noreply.github.com' };

/** What differs between the app's runs and the CLI's; the rest of {@link OptimizeContext} is decided here. */
export interface OptimizeContextInput extends Pick<
  OptimizeContext,
  'runId' | 'config' | 'start' | 'request' | 'workspace' | 'worktree' | 'trusted' | 'files' | 'publisher'
> {
  config: RepoConfig;
  /** The command's `--max-iter`, over perf.yml's `optimize.maxIterations`; it also caps review rounds. */
  maxIterations?: number;
  tradeoffOverrides?: OptimizeContext['tradeoffOverrides'];
  operatorConfig: OperatorConfig;
  /** The agent asked for by name (the CLI's `--agent`), over perf.yml's `optimize.agent` and the operator's default. */
  agentName?: string;
  /** The requester's `Co-Authored-By` (`Name <email>`), after the agent's. */
  requester?: string;
  ciMonitor?: OptimizeContext['ciMonitor'];
  /** The sandbox's runner and its description. */
  runProcess: RunUntrusted;
  isolation?: string;
  /** The operator's environment: agents get their listed keys from it, benchmarks and tests an allow-listed part. */
  processEnv: Readonly<Record<string, string | undefined>>;
  seed: number;
  now: () => Date;
}

/**
 * The one per-run composition of the optimize pipeline, for the GitHub worker and `perfbot optimize` alike: the
 * selected agent, the limits, the commit identity and co-authors, the allow-listed child environment.
 */
export function buildOptimizeContext(input: OptimizeContextInput): Omit<OptimizeContext, 'signal'> {
  const { config } = input;
  const selected = selectAgent(input.operatorConfig, input.agentName ?? config.optimize.agent);
  const maxIterations = input.maxIterations ?? config.optimize.maxIterations;
  const coAuthors = [
    ...(selected.config.coAuthor === undefined ? [] : [selected.config.coAuthor]),
    ...(input.requester === undefined ? [] : [input.requester]),
  ];
  return {
    runId: input.runId,
    config,
    limits: { maxIterations, maxReviewRounds: maxIterations, maxCiRounds: MAX_CI_ROUNDS },
    maxIterationsSource: input.maxIterations === undefined ? 'perf.yml' : 'command',
    ...(input.tradeoffOverrides === undefined ? {} : { tradeoffOverrides: input.tradeoffOverrides }),
    start: input.start,
    request: input.request,
    agent: createAgent(selected.name, selected.config, { env: input.processEnv, sandbox: input.runProcess }),
    ...(coAuthors.length === 0 ? {} : { coAuthors }),
    workspace: input.workspace,
    worktree: input.worktree,
    trusted: input.trusted,
    files: input.files,
    publisher: input.publisher,
    ...(input.ciMonitor === undefined ? {} : { ciMonitor: input.ciMonitor }),
    commitIdentity: IDENTITY,
    runProcess: input.runProcess,
    ...(input.isolation === undefined ? {} : { isolation: input.isolation }),
    childEnv: buildChildEnv(input.processEnv, {}),
    seed: input.seed,
    testTimeoutMs: TEST_TIMEOUT_MS,
    now: input.now,
    monotonicMs: () => performance.now(),
  };
}
