import { describe, expect, it } from 'vitest';
import { applyTransition } from '../../../src/pipeline/apply-transition.ts';
import { nextPhase } from '../../../src/pipeline/next-phase.ts';
import { PipelineState, terminalState } from '../../../src/pipeline/pipeline-state.ts';
import { stateAt } from './fixtures/pipeline-states.ts';

const limits = { maxIterations: 3, maxCiRounds: 2, maxReviewRounds: 2 };
const at = { startedAt: '2025-05-01T10:00:00.000Z', endedAt: '2025-05-01T10:05:00.000Z' };

/** A state with every optional field set, as a run late in its life would have. */
const full: PipelineState = stateAt('monitor', {
  iteration: 2,
  analyzeRounds: 2,
  reviewRounds: 1,
  ciRounds: 1,
  history: [{ phase: 'init', iteration: 0, outcome: 'ready', ...at, note: 'fresh worktree' }],
  baseline: {
    reportJsonPath: 'bots/benchmark-before.json',
    sha: 'b'.repeat(40),
    figures: [{ benchmark: 'parse', metric: 'time', unit: 'ns', median: 1.5e7 }],
  },
  latest: {
    reportJsonPath: 'bots/verify-2.json',
    figures: [],
    iteration: 2,
    primary: {
      metric: 'time',
      scope: { kind: 'benchmark', benchmark: 'parse' },
      change: -0.2,
      ci: [-0.25, -0.15],
      improvement: 0.2,
    },
  },
  unmetTargets: [],
  testFailures: 'FAIL',
  diffViolations: [{ path: 'yarn.lock', reason: 'lockfile' }],
  reviewFindings: [
    { severity: 'low', title: 'Name', file: 'src/a.ts', line: 3, detail: 'd', reviewers: ['code', 'quality'] },
  ],
  ciFailures: [{ name: 'lint', summary: '1 error' }],
  commitSha: 'c'.repeat(40),
  pushed: true,
  prNumber: 12,
  stop: { phase: 'monitor', kind: 'ci-timeout', reason: 'CI did not finish' },
  costUsd: 1.25,
});

describe('PipelineState', () => {
  it('round-trips through JSON and the schema unchanged', () => {
    expect(PipelineState.parse(JSON.parse(JSON.stringify(full)))).toEqual(full);
    const fresh = stateAt('init');
    expect(PipelineState.parse(JSON.parse(JSON.stringify(fresh)))).toEqual(fresh);
  });

  it('rejects unknown keys, unknown phases, another version and negative counters', () => {
    expect(PipelineState.safeParse({ ...full, extra: 1 }).success).toBe(false);
    expect(PipelineState.safeParse({ ...full, phase: 'deploy' }).success).toBe(false);
    expect(PipelineState.safeParse({ ...full, version: 2 }).success).toBe(false);
    expect(PipelineState.safeParse({ ...full, iteration: -1 }).success).toBe(false);
    expect(PipelineState.safeParse({ ...full, commitSha: 'HEAD' }).success).toBe(false);
    expect(PipelineState.safeParse({ ...full, targets: [] }).success).toBe(false);
  });

  it('tells how a finished run ended', () => {
    expect(terminalState(stateAt('verify'))).toBeUndefined();
    expect(terminalState(stateAt('done'))).toBe('completed');
    expect(terminalState(stateAt('done', { stop: { phase: 'verify', kind: 'limit', reason: 'x' } }))).toBe('stopped');
  });
});

describe('applyTransition', () => {
  it('applies the updates, moves on, appends the history entry and adds the cost', () => {
    const state = stateAt('optimize', { testFailures: 'FAIL', costUsd: 0.5 });
    const next = applyTransition(
      state,
      nextPhase(state, { phase: 'optimize', result: 'changed', patchSha256: 'b'.repeat(64) }, limits),
      { ...at, costUsd: 0.75 },
    );
    expect(next.phase).toBe('verify');
    expect(next.iteration).toBe(1);
    expect('testFailures' in next).toBe(false);
    expect(next.costUsd).toBe(1.25);
    expect(next.history).toEqual([{ phase: 'optimize', iteration: 1, outcome: 'changes made', ...at }]);
    expect(PipelineState.parse(JSON.parse(JSON.stringify(next)))).toEqual(next);
  });

  it("records the transition note after the runner's own", () => {
    const state = stateAt('complete');
    const transition = nextPhase(state, { failed: true, reason: 'GitHub returned 502' }, limits);
    expect(applyTransition(state, transition, at).history[0]?.note).toBe('complete failed: GitHub returned 502');
    expect(applyTransition(state, transition, { ...at, note: 'retried twice' }).history[0]?.note).toBe(
      'retried twice; complete failed: GitHub returned 502',
    );
  });

  it('leaves the input state untouched', () => {
    const state = stateAt('verify', { iteration: 1 });
    const copy = structuredClone(state);
    applyTransition(state, nextPhase(state, { phase: 'verify', tests: 'failed', targetsMet: false }, limits), at);
    expect(state).toEqual(copy);
  });
});
