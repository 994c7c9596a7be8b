import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Sandbox } from '../../sandbox/sandbox.ts';
import { UsageError } from '../../domain/errors.ts';
import { initialPipelineState } from '../../pipeline/initial-pipeline-state.ts';
import { terminalState, type PipelineState } from '../../pipeline/pipeline-state.ts';
import { resolveTargets } from '../../pipeline/init/resolve-targets.ts';
import { createLocalWorkspace } from '../../workspace/open-local-repo.ts';
import { runGit } from '../../workspace/run-git.ts';
import { buildOptimizeContext } from '../build-optimize-context.ts';
import { createFileCheckpointStore } from '../create-file-checkpoint-store.ts';
import { createRunFiles } from '../run-files.ts';
import { createTaskWorktree } from '../create-task-worktree.ts';
import { createTrustedRepo } from '../create-trusted-repo.ts';
import { FINAL_REPORT } from '../phase-handlers/complete-phase.ts';
import { runPipeline, type PipelineProgress } from '../run-pipeline.ts';
import { createLocalBranchPublisher } from './create-local-branch-publisher.ts';
import { claimLocalRun } from './local-run-record.ts';
import { readAgentsConfig } from './read-agents-config.ts';
import { readOptimizeConfig } from './read-optimize-config.ts';
import { resolveStateDir } from './resolve-state-dir.ts';

export interface LocalOptimizeOptions {
  repo: string;
  /** The starting commit (default `HEAD`). */
  head: string;
  agent?: string;
  /** `--target` as a fraction. */
  target?: number;
  maxIterations?: number;
  /** `--max-regression` / `--max-memory` as fractions, over perf.yml's `optimize.tradeoffs`. */
  tradeoffs?: { maxRegression?: number; maxMemory?: number };
  configFile?: string;
  /** `--agents-config`; `PERFBOT_CONFIG` from `env` when absent. */
  agentsConfigFile?: string;
  /** Run id; default `optimize-<7 hex of the starting commit>`, so running the same command again resumes. */
  task?: string;
  /** Forget the checkpoint and artifacts of the task and start over. */
  fresh: boolean;
  stateDir?: string;
  budgetMinutes?: number;
  seed: number;
  /** The operator's environment: agents get their listed keys from it, benchmarks an allow-listed part. */
  env: Readonly<Record<string, string | undefined>>;
  /** Where the agents, benchmarks and tests run. */
  sandbox: Sandbox;
  shutdownSignal?: AbortSignal;
  onProgress?: (event: PipelineProgress) => void;
}

export interface LocalOptimizeResult {
  state: PipelineState;
  /** True when a shutdown stopped it; the same command resumes. */
  interrupted: boolean;
  /** `bots/final-report.md`, once the run is done. */
  finalReport?: string;
  artifactsDir: string;
  /** The agents' worktree, kept for inspection when the run stopped early. */
  worktreePath: string;
}

/**
 * `perfbot optimize`, composed: the user's repository is only read (a mirror and worktrees under the state
 * directory do the work) until COMMIT fetches the commit into it as branch `perf/<task>`.
 */
export async function runLocalOptimize(options: LocalOptimizeOptions): Promise<LocalOptimizeResult> {
  const operatorConfig = await readAgentsConfig(options.agentsConfigFile, options.env);
  const stateDir = await resolveStateDir(options.repo, options.stateDir);
  const workspace = await createLocalWorkspace(options.repo, path.join(stateDir, 'work'));
  const repoDir = (await runGit({ cwd: path.resolve(options.repo), args: ['rev-parse', '--show-toplevel'] })).trim();
  const startSha = await workspace.resolveRef(options.head);
  const task = options.task ?? `optimize-${startSha.slice(0, 7)}`;
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$/.test(task)) {
    throw new UsageError(
      `--task: expected letters, digits, '-' and '_' (at most 80, starting with a letter or digit), got "${task}"`,
    );
  }
  const runsDir = path.join(stateDir, 'runs');
  const runDir = path.join(runsDir, task);
  if (options.fresh) await rm(runDir, { recursive: true, force: true });
  const files = createRunFiles(runDir);
  await claimLocalRun(files, { task, startRef: options.head, startSha });
  const store = createFileCheckpointStore(runsDir);
  const branch = `perf/${task}`;
  if ((await store.load(task)) === null) await refuseExistingBranch(repoDir, branch);

  const trusted = await createTrustedRepo({ gitDir: path.join(runDir, 'trusted.git'), source: repoDir });
  const config = await readOptimizeConfig({ ...pickConfigFile(options), workspace, trusted, startSha });
  const worktree = createTaskWorktree({ workspace, task, sha: startSha, trusted, files });
  const initialState = initialPipelineState({
    runId: task,
    branch,
    targets: resolveTargets({
      configured: config.targets,
      ...(options.target === undefined ? {} : { commandTarget: options.target }),
    }),
    startedAt: new Date().toISOString(),
  });
  // Nothing is pushed, so there is no CI monitor: MONITOR is never reached.
  const ctx = buildOptimizeContext({
    runId: task,
    config,
    ...(options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }),
    ...(options.tradeoffs === undefined ? {} : { tradeoffOverrides: options.tradeoffs }),
    start: { ref: options.head, sha: startSha },
    request: {
      repository: path.basename(repoDir),
      subject: { kind: 'issue', number: 0, title: `perfbot optimize (local run on ${options.head})`, body: '' },
    },
    operatorConfig,
    ...(options.agent === undefined ? {} : { agentName: options.agent }),
    workspace,
    worktree,
    trusted,
    files,
    publisher: createLocalBranchPublisher({ repoDir }),
    runProcess: options.sandbox.run,
    isolation: options.sandbox.description,
    processEnv: options.env,
    seed: options.seed,
    now: () => new Date(),
  });
  const run = await runPipeline({
    ctx,
    store,
    initialState,
    ...(options.shutdownSignal === undefined ? {} : { shutdownSignal: options.shutdownSignal }),
    ...(options.budgetMinutes === undefined ? {} : { deadline: Date.now() + options.budgetMinutes * 60_000 }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  const worktreePath = worktree.path() ?? path.join(stateDir, 'work', 'worktrees', task);
  // A completed run's worktree has served its purpose; a stopped one is kept for inspection.
  if (!run.interrupted && terminalState(run.state) === 'completed') await worktree.remove();
  const finalReport = (await files.readArtifact(FINAL_REPORT)) ?? undefined;
  return {
    state: run.state,
    interrupted: run.interrupted,
    artifactsDir: files.artifactsDir,
    worktreePath,
    ...(finalReport === undefined ? {} : { finalReport }),
  };
}

async function refuseExistingBranch(repoDir: string, branch: string): Promise<void> {
  const exists = await runGit({ cwd: repoDir, args: ['show-ref', '--verify', '--quiet', `refs/heads/${branch}`] }).then(
    () => true,
    () => false,
  );
  if (exists) {
    throw new UsageError(
      `branch ${branch} already exists in ${repoDir}; delete it (git branch -D ${branch}) or pass --task NAME for another branch`,
    );
  }
}

function pickConfigFile(options: LocalOptimizeOptions): { configFile?: string } {
  return options.configFile === undefined ? {} : { configFile: options.configFile };
}
