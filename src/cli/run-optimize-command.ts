import { randomInt } from 'node:crypto';
import path from 'node:path';
import { parsePercentOption } from '../optimize/local/parse-percent-option.ts';
import { parseTargetPercent } from '../optimize/local/parse-target-percent.ts';
import { runLocalOptimize, type LocalOptimizeResult } from '../optimize/local/run-local-optimize.ts';
import type { PipelineProgress } from '../optimize/run-pipeline.ts';
import { terminalState } from '../pipeline/pipeline-state.ts';
import type { CliIo } from './cli-io.ts';
import { parseCliOptions, parsePositiveInt } from './parse-cli-options.ts';
import { createSandbox } from '../sandbox/create-sandbox.ts';

/** Exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT); the same command resumes it. */
const INTERRUPTED = 130;

/**
 * `perfbot optimize`: runs the optimize pipeline locally, leaving the commit on `perf/<task>` and the
 * artifacts in `bots/`. Exit codes: 0 targets met and committed, 1 stopped early (branch/worktree and
 * artifacts kept), 2 bad input, 130 interrupted (run the same command again to resume).
 */
export async function runOptimizeCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parseCliOptions(
    'optimize',
    args,
    {
      repo: { type: 'string' },
      head: { type: 'string' },
      agent: { type: 'string' },
      target: { type: 'string' },
      'max-iter': { type: 'string' },
      'max-regression': { type: 'string' },
      'max-memory': { type: 'string' },
      config: { type: 'string' },
      'agents-config': { type: 'string' },
      task: { type: 'string' },
      fresh: { type: 'boolean' },
      'state-dir': { type: 'string' },
      'budget-minutes': { type: 'string' },
      seed: { type: 'string' },
      'no-sandbox': { type: 'boolean' },
    },
    false,
  );
  const shutdown = new AbortController();
  const stop = () => shutdown.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const result = await runLocalOptimize({
      repo: path.resolve(values.repo ?? '.'),
      head: values.head ?? 'HEAD',
      ...optional('agent', values.agent),
      ...optional('target', parseTargetPercent(values.target)),
      ...optional('maxIterations', parsePositiveInt('--max-iter', values['max-iter'])),
      tradeoffs: {
        ...optional('maxRegression', parsePercentOption('--max-regression', values['max-regression'], 'allowed')),
        ...optional('maxMemory', parsePercentOption('--max-memory', values['max-memory'], 'allowed')),
      },
      ...optional('configFile', values.config),
      ...optional('agentsConfigFile', values['agents-config']),
      ...optional('task', values.task),
      fresh: values.fresh ?? false,
      ...optional('stateDir', values['state-dir']),
      ...optional('budgetMinutes', parsePositiveInt('--budget-minutes', values['budget-minutes'])),
      seed: parsePositiveInt('--seed', values.seed, 0) ?? randomInt(2 ** 31),
      env,
      sandbox: createSandbox({
        mode: values['no-sandbox'] ? 'none' : 'auto',
        warn: (message) => io.stderr(`[perfbot] ${message}\n`),
      }),
      shutdownSignal: shutdown.signal,
      onProgress: (event) => io.stderr(describeProgress(event)),
    });
    return report(result, io);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

function report(result: LocalOptimizeResult, io: CliIo): number {
  const { state } = result;
  if (result.interrupted) {
    io.stderr(`[perfbot] interrupted during ${state.phase}; run the same command again to resume.\n`);
    return INTERRUPTED;
  }
  if (result.finalReport !== undefined) io.stdout(result.finalReport);
  const lines = [`Artifacts: ${result.artifactsDir}`];
  const completed = terminalState(state) === 'completed' && state.commitSha !== undefined;
  if (completed) lines.push(`Commit ${state.commitSha?.slice(0, 7)} is on branch ${state.branch} of your repository.`);
  else lines.push(`Worktree kept for inspection: ${result.worktreePath}`);
  io.stdout(`\n${lines.join('\n')}\n`);
  return completed ? 0 : 1;
}

/** One line per event on stderr: where the run is and what each phase decided. */
export function describeProgress(event: PipelineProgress): string {
  switch (event.kind) {
    case 'started':
      return `[perfbot] run ${event.state.runId} started on ${event.state.branch}\n`;
    case 'resumed':
      return event.state.phase === 'done'
        ? `[perfbot] run ${event.state.runId} already finished\n`
        : `[perfbot] resuming run ${event.state.runId} at ${event.state.phase}\n`;
    case 'phase-started':
      return event.phase === 'optimize'
        ? `[perfbot] optimize (iteration ${event.state.iteration + 1})…\n`
        : `[perfbot] ${event.phase}…\n`;
    case 'phase-finished': {
      const note = event.state.history.at(-1)?.note;
      const stop = event.transition.stop === undefined ? '' : `; stopping: ${event.transition.stop.reason}`;
      return `[perfbot] ${event.phase}: ${event.transition.outcome}${note === undefined ? '' : ` (${note})`}${stop}\n`;
    }
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
