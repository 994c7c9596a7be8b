import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SuspendRunError } from '../../../src/domain/errors.ts';
import { createFileCheckpointStore } from '../../../src/optimize/create-file-checkpoint-store.ts';
import type { OptimizeContext } from '../../../src/optimize/optimize-context.ts';
import type { PhaseHandler, PhaseHandlers } from '../../../src/optimize/phase-handler.ts';
import { runPipeline } from '../../../src/optimize/run-pipeline.ts';
import { initialPipelineState } from '../../../src/pipeline/initial-pipeline-state.ts';
import type { PhaseOutcome } from '../../../src/pipeline/phase-outcome.ts';
import { cleanupAll, createTempDir } from '../../helpers/git-fixtures.ts';
import { historyOf } from './optimize-cli-harness.ts';

afterAll(cleanupAll);

// The runner's own behaviour (checkpoints, signals, budget, exceptions) with handlers that only return outcomes;
// the real handlers are covered end to end by the other tests in this folder.
const CTX = {
  now: () => new Date('2024-01-01T00:00:00Z'),
  limits: { maxIterations: 2, maxReviewRounds: 2, maxCiRounds: 2 },
} as unknown as Omit<OptimizeContext, 'signal'>;

const SNAPSHOT = { reportJsonPath: 'bots/x.json', figures: [] };
const OUTCOMES: Record<string, PhaseOutcome> = {
  init: { phase: 'init' },
  benchmark: { phase: 'benchmark', baseline: SNAPSHOT },
  analyze: { phase: 'analyze', result: 'plan' },
  optimize: { phase: 'optimize', result: 'changed', patchSha256: 'a'.repeat(64) },
  verify: { phase: 'verify', tests: 'passed', targetsMet: true, snapshot: { ...SNAPSHOT, iteration: 1 } },
  review: { phase: 'review', blocking: false, findings: [] },
  confirm: { phase: 'confirm', targetsMet: true, unmet: [], snapshot: { ...SNAPSHOT, iteration: 1 } },
  commit: { phase: 'commit', sha: 'a'.repeat(40), pushed: false },
  monitor: { phase: 'monitor', result: 'green' },
  complete: { phase: 'complete' },
};

function handlers(overrides: Partial<PhaseHandlers> = {}, ran: string[] = []): PhaseHandlers {
  const plain =
    (phase: string): PhaseHandler =>
    async () => {
      ran.push(phase);
      return { outcome: OUTCOMES[phase] as PhaseOutcome };
    };
  return {
    ...Object.fromEntries(Object.keys(OUTCOMES).map((phase) => [phase, plain(phase)])),
    ...overrides,
  } as PhaseHandlers;
}

async function setup() {
  const dir = await createTempDir('perfbot-runner-');
  const store = createFileCheckpointStore(dir);
  const initialState = initialPipelineState({
    runId: 'run-1',
    branch: 'perf/run-1',
    targets: [{ kind: 'anyImprovement', metric: 'time', source: 'default' }],
    startedAt: '2024-01-01T00:00:00Z',
  });
  return { dir, store, initialState };
}

describe('runPipeline', () => {
  it('saves a checkpoint after every phase and resumes at the phase that did not finish', async () => {
    const { dir, store, initialState } = await setup();
    const shutdown = new AbortController();
    const ran: string[] = [];
    const first = await runPipeline({
      ctx: CTX,
      store,
      initialState,
      shutdownSignal: shutdown.signal,
      handlers: handlers(
        {
          optimize: async () => {
            ran.push('optimize');
            shutdown.abort();
            return { outcome: OUTCOMES.optimize as PhaseOutcome };
          },
        },
        ran,
      ),
    });
    expect(first.interrupted).toBe(true);
    expect(ran).toEqual(['init', 'benchmark', 'analyze', 'optimize']);
    const saved = JSON.parse(await readFile(path.join(dir, 'run-1', 'checkpoint.json'), 'utf8'));
    expect(saved.phase).toBe('optimize');
    expect(saved.history).toHaveLength(3);

    const again: string[] = [];
    const second = await runPipeline({ ctx: CTX, store, initialState, handlers: handlers({}, again) });
    expect(second.interrupted).toBe(false);
    expect(again).toEqual(['optimize', 'verify', 'review', 'confirm', 'commit', 'complete']);
    expect(historyOf(second.state)).toEqual([
      'init: ready',
      'benchmark: baseline measured',
      'analyze: plan written',
      'optimize: changes made',
      'verify: targets met',
      'review: no blocking findings',
      'confirm: confirmed',
      'commit: committed locally',
      'complete: completed',
    ]);
    expect(await store.load('run-1')).toEqual(second.state);
  });

  it('a suspended phase keeps its checkpoint and wait start across activations, then finishes normally', async () => {
    const { store, initialState } = await setup();
    let clock = Date.parse('2024-01-01T00:00:00Z');
    const ctx = { ...CTX, now: () => new Date(clock) };
    const seen: (string | undefined)[] = [];
    let looks = 0;
    const benchmark: PhaseHandler = async (_ctx, state) => {
      seen.push(state.waitingSince);
      looks += 1;
      if (looks < 3) throw new SuspendRunError(clock + 60_000, 'ci:abc');
      return { outcome: OUTCOMES.benchmark as PhaseOutcome };
    };
    const activate = () => runPipeline({ ctx, store, initialState, handlers: handlers({ benchmark }) });

    await expect(activate()).rejects.toEqual(new SuspendRunError(clock + 60_000, 'ci:abc'));
    expect(await store.load('run-1')).toMatchObject({ phase: 'benchmark', waitingSince: '2024-01-01T00:00:00.000Z' });
    clock += 60_000;
    await expect(activate()).rejects.toBeInstanceOf(SuspendRunError);
    expect((await store.load('run-1'))?.waitingSince).toBe('2024-01-01T00:00:00.000Z');
    clock += 60_000;
    const run = await activate();

    expect(seen).toEqual([undefined, '2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z']);
    expect(run.state.phase).toBe('done');
    expect(run.state.waitingSince).toBeUndefined();
    const entry = run.state.history.find((h) => h.phase === 'benchmark');
    expect([entry?.startedAt, entry?.endedAt]).toEqual(['2024-01-01T00:00:00.000Z', '2024-01-01T00:02:00.000Z']);
  });

  it('turns an exception into a failed phase and still writes the report in COMPLETE', async () => {
    const { store, initialState } = await setup();
    const ran: string[] = [];
    const run = await runPipeline({
      ctx: CTX,
      store,
      initialState,
      handlers: handlers(
        {
          benchmark: async () => {
            throw new Error('disk full');
          },
        },
        ran,
      ),
    });
    expect(run.state.stop).toEqual({ phase: 'benchmark', kind: 'failed', reason: 'benchmark failed: disk full' });
    expect(ran).toEqual(['init', 'complete']);
  });

  it('cancels the phase in progress at the wall-clock deadline, and COMPLETE runs without the budget', async () => {
    const { store, initialState } = await setup();
    const ran: string[] = [];
    const slow: PhaseHandler = (ctx) =>
      new Promise((resolve) =>
        ctx.signal.addEventListener('abort', () =>
          resolve({ outcome: { cancelled: true, by: String(ctx.signal.reason) } }),
        ),
      );
    const completeSignal: boolean[] = [];
    const run = await runPipeline({
      ctx: CTX,
      store,
      initialState,
      deadline: Date.now() + 100,
      handlers: handlers(
        {
          analyze: slow,
          complete: async (ctx) => {
            completeSignal.push(ctx.signal.aborted);
            return { outcome: { phase: 'complete' } };
          },
        },
        ran,
      ),
    });
    expect(run.state.stop).toEqual({
      phase: 'analyze',
      kind: 'cancelled',
      reason: 'cancelled by the wall-clock budget during analyze',
    });
    expect(ran).toEqual(['init', 'benchmark']);
    expect(completeSignal).toEqual([false]);
  });

  it('records a cancellation with who cancelled', async () => {
    const { store, initialState } = await setup();
    const cancel = new AbortController();
    cancel.abort('@octocat');
    const run = await runPipeline({ ctx: CTX, store, initialState, cancelSignal: cancel.signal, handlers: handlers() });
    expect(run.state.stop).toEqual({ phase: 'init', kind: 'cancelled', reason: 'cancelled by @octocat during init' });
    expect(historyOf(run.state)).toEqual(['init: cancelled', 'complete: stopped']);
  });
});
