import { describe, expect, it } from 'vitest';
import type { VerifySnapshot } from '../../../src/pipeline/bench-snapshot.ts';
import { nextPhase } from '../../../src/pipeline/next-phase.ts';
import type { PhaseOutcome, PipelineLimits } from '../../../src/pipeline/phase-outcome.ts';
import type { PipelineState } from '../../../src/pipeline/pipeline-state.ts';
import { stateAt } from './fixtures/pipeline-states.ts';

const limits: PipelineLimits = { maxIterations: 3, maxCiRounds: 2, maxReviewRounds: 2 };
/** A SHA-256 in hex, as OPTIMIZE reports for the change it stored. */
const SHA = 'c'.repeat(64);

function snapshot(iteration: number, improvement: number): VerifySnapshot {
  return {
    reportJsonPath: `bots/verify-${iteration}.json`,
    figures: [],
    iteration,
    primary: {
      metric: 'time',
      scope: { kind: 'geomean', count: 3 },
      change: -improvement,
      ci: [-improvement - 0.02, -improvement + 0.02],
      improvement,
    },
  };
}

const finding = { severity: 'high' as const, title: 'Race on cache map', reviewers: ['debugging' as const] };

interface Row {
  name: string;
  state: PipelineState;
  outcome: PhaseOutcome;
  phase: PipelineState['phase'];
  label: string;
  stop?: string;
  updates?: Record<string, unknown>;
}

const rows: Row[] = [
  {
    name: 'init → benchmark',
    state: stateAt('init'),
    outcome: { phase: 'init' },
    phase: 'benchmark',
    label: 'ready',
    updates: {},
  },
  {
    name: 'benchmark → analyze, keeping the baseline',
    state: stateAt('benchmark'),
    outcome: { phase: 'benchmark', baseline: { reportJsonPath: 'bots/benchmark-before.json', figures: [] } },
    phase: 'analyze',
    label: 'baseline measured',
    updates: { baseline: { reportJsonPath: 'bots/benchmark-before.json', figures: [] } },
  },
  {
    name: 'analyze with a plan → optimize',
    state: stateAt('analyze'),
    outcome: { phase: 'analyze', result: 'plan' },
    phase: 'optimize',
    label: 'plan written',
    updates: { analyzeRounds: 1 },
  },
  {
    name: 'analyze finding nothing → stop',
    state: stateAt('analyze', { iteration: 1, analyzeRounds: 1 }),
    outcome: { phase: 'analyze', result: 'nothing-to-do' },
    phase: 'complete',
    label: 'nothing to do',
    stop: 'the analysis found nothing more to optimize',
  },
  {
    name: 'analyze with no iterations left → stop',
    state: stateAt('analyze', { iteration: 3 }),
    outcome: { phase: 'analyze', result: 'plan' },
    phase: 'complete',
    label: 'iterations used up',
    stop: 'no optimize iterations left (3 of 3 used)',
  },
  {
    name: 'optimize with changes → verify, feedback cleared, SHA-256 of the change recorded',
    state: stateAt('optimize', { testFailures: 'boom', ciFailures: [{ name: 'lint', summary: 'x' }] }),
    outcome: { phase: 'optimize', result: 'changed', patchSha256: SHA },
    phase: 'verify',
    label: 'changes made',
    updates: {
      iteration: 1,
      patchSha256: SHA,
      testFailures: undefined,
      diffViolations: undefined,
      ciFailures: undefined,
    },
  },
  {
    name: 'optimize without changes, iterations left → analyze',
    state: stateAt('optimize', { iteration: 1 }),
    outcome: { phase: 'optimize', result: 'no-changes', patchSha256: SHA },
    phase: 'analyze',
    label: 'no changes',
  },
  {
    name: 'optimize without changes in the last iteration → stop',
    state: stateAt('optimize', { iteration: 2 }),
    outcome: { phase: 'optimize', result: 'no-changes', patchSha256: SHA },
    phase: 'complete',
    label: 'no changes',
    stop: 'the agent made no changes in iteration 3 of 3',
  },
  {
    name: 'optimize rejected by the diff rules → optimize again with the violations',
    state: stateAt('optimize'),
    outcome: {
      phase: 'optimize',
      result: 'rejected',
      violations: [{ path: 'package-lock.json', reason: 'lockfile' }],
      patchSha256: SHA,
    },
    phase: 'optimize',
    label: 'changes rejected',
    updates: {
      iteration: 1,
      patchSha256: SHA,
      testFailures: undefined,
      diffViolations: [{ path: 'package-lock.json', reason: 'lockfile' }],
      ciFailures: undefined,
    },
  },
  {
    name: 'optimize rejected in the last iteration → stop naming the files',
    state: stateAt('optimize', { iteration: 2 }),
    outcome: {
      phase: 'optimize',
      result: 'rejected',
      patchSha256: SHA,
      violations: [
        { path: '.github/workflows/ci.yml', reason: 'CI' },
        { path: 'CLAUDE.md', reason: 'agent' },
      ],
    },
    phase: 'complete',
    label: 'changes rejected',
    stop: 'the agent changed files it may not change in iteration 3 of 3 (.github/workflows/ci.yml, CLAUDE.md)',
  },
  {
    name: 'optimize rejected again after being told why → stop with the files and reasons (one retry)',
    state: stateAt('optimize', { iteration: 1, diffViolations: [{ path: 'bench.js', reason: 'protected' }] }),
    outcome: {
      phase: 'optimize',
      result: 'rejected',
      patchSha256: SHA,
      violations: [{ path: 'bench.js', reason: 'protected (bench.js)' }],
    },
    phase: 'complete',
    label: 'changes rejected again',
    stop: 'the agent broke the diff rules again after being told why, in iteration 2 of 3: bench.js (protected (bench.js))',
  },
  {
    name: 'verify: tests fail, iterations left → optimize with the failures',
    state: stateAt('verify', { iteration: 1 }),
    outcome: { phase: 'verify', tests: 'failed', targetsMet: false, testFailures: 'FAIL parse.test.ts' },
    phase: 'optimize',
    label: 'tests failed',
    updates: { testFailures: 'FAIL parse.test.ts' },
  },
  {
    name: 'verify: tests fail without output → a placeholder, never silence',
    state: stateAt('verify', { iteration: 1 }),
    outcome: { phase: 'verify', tests: 'failed', targetsMet: false },
    phase: 'optimize',
    label: 'tests failed',
    updates: { testFailures: 'the tests failed (no output captured)' },
  },
  {
    name: 'verify: tests still fail in the last iteration → stop',
    state: stateAt('verify', { iteration: 3 }),
    outcome: { phase: 'verify', tests: 'failed', targetsMet: true, testFailures: 'FAIL' },
    phase: 'complete',
    label: 'tests failed',
    stop: 'tests still fail after iteration 3 of 3',
  },
  {
    name: 'verify: tests pass, targets met → review',
    state: stateAt('verify', { iteration: 1, unmetTargets: ['old'] }),
    outcome: { phase: 'verify', tests: 'passed', targetsMet: true },
    phase: 'review',
    label: 'targets met',
    updates: { unmetTargets: undefined },
  },
  {
    name: 'verify: no test command, targets met → review',
    state: stateAt('verify', { iteration: 1 }),
    outcome: { phase: 'verify', tests: 'none', targetsMet: true },
    phase: 'review',
    label: 'targets met',
  },
  {
    name: 'verify: targets not met, iterations left → analyze',
    state: stateAt('verify', { iteration: 2 }),
    outcome: { phase: 'verify', tests: 'passed', targetsMet: false, unmet: ['parse/*: 1 of 2 not yet'] },
    phase: 'analyze',
    label: 'targets not met',
    updates: { unmetTargets: ['parse/*: 1 of 2 not yet'] },
  },
  {
    name: 'verify: targets not met in the last iteration → stop with where and why, even though it improved',
    state: stateAt('verify', { iteration: 3 }),
    outcome: {
      phase: 'verify',
      tests: 'passed',
      targetsMet: false,
      unmet: [
        'parse/*: 1 of 1 benchmark not yet 10.0% faster with confidence: parse/a 6.0% faster (95% CI 4.0% to 8.0% faster)',
      ],
    },
    phase: 'complete',
    label: 'targets not met',
    stop:
      'targets not met after iteration 3 of 3: parse/*: 1 of 1 benchmark not yet 10.0% faster with confidence: ' +
      'parse/a 6.0% faster (95% CI 4.0% to 8.0% faster)',
  },
  {
    name: 'verify: targets met but a trade-off broken → analyze with the reason, never review, and not the best iteration',
    state: stateAt('verify', { iteration: 1 }),
    outcome: {
      phase: 'verify',
      tests: 'passed',
      targetsMet: true,
      unmet: ['trade-off broken: other 30.0% slower'],
      tradeoffsBroken: ['trade-off broken: other 30.0% slower'],
      snapshot: snapshot(1, 0.5),
    },
    phase: 'analyze',
    label: 'trade-off broken',
    // Nothing better exists yet: the next iteration starts again from the starting commit (the ratchet).
    updates: {
      latest: snapshot(1, 0.5),
      unmetTargets: ['trade-off broken: other 30.0% slower'],
      changeIteration: 0,
      patchSha256: undefined,
    },
  },
  {
    name: 'verify: worse than the best so far → analyze from the best change (the ratchet), saying so',
    state: stateAt('verify', {
      iteration: 2,
      patchSha256: 'b'.repeat(64),
      best: { ...snapshot(1, 0.3), patchSha256: 'a'.repeat(64) },
    }),
    outcome: {
      phase: 'verify',
      tests: 'passed',
      targetsMet: false,
      unmet: ['sum 10.0% faster, target 50%'],
      snapshot: snapshot(2, 0.1),
    },
    phase: 'analyze',
    label: 'targets not met',
    updates: {
      latest: snapshot(2, 0.1),
      unmetTargets: ['sum 10.0% faster, target 50%'],
      changeIteration: 1,
      patchSha256: 'a'.repeat(64),
    },
  },
  {
    name: 'verify: better than the best so far → it becomes the best, with its change, and the run builds on it',
    state: stateAt('verify', {
      iteration: 2,
      patchSha256: 'b'.repeat(64),
      best: { ...snapshot(1, 0.1), patchSha256: 'a'.repeat(64) },
    }),
    outcome: {
      phase: 'verify',
      tests: 'passed',
      targetsMet: false,
      unmet: ['sum 30.0% faster, target 50%'],
      snapshot: snapshot(2, 0.3),
    },
    phase: 'analyze',
    label: 'targets not met',
    updates: {
      latest: snapshot(2, 0.3),
      best: { ...snapshot(2, 0.3), patchSha256: 'b'.repeat(64) },
      unmetTargets: ['sum 30.0% faster, target 50%'],
    },
  },
  {
    name: 'verify: a trade-off broken in the last iteration → stop saying so',
    state: stateAt('verify', { iteration: 3 }),
    outcome: {
      phase: 'verify',
      tests: 'passed',
      targetsMet: true,
      unmet: ['trade-off broken: other 30.0% slower'],
      tradeoffsBroken: ['trade-off broken: other 30.0% slower'],
    },
    phase: 'complete',
    label: 'trade-off broken',
    stop: 'a trade-off was broken after iteration 3 of 3: trade-off broken: other 30.0% slower',
  },
  {
    name: 'verify: targets not met and a trade-off broken → "targets not met" leads, both are told',
    state: stateAt('verify', { iteration: 1 }),
    outcome: {
      phase: 'verify',
      tests: 'passed',
      targetsMet: false,
      unmet: ['sum 10% slower', 'trade-off broken: sum'],
      tradeoffsBroken: ['trade-off broken: sum'],
    },
    phase: 'analyze',
    label: 'targets not met',
    updates: { unmetTargets: ['sum 10% slower', 'trade-off broken: sum'] },
  },
  {
    name: 'review without blocking findings → confirm, keeping the findings for the report',
    state: stateAt('review', { iteration: 1 }),
    outcome: { phase: 'review', blocking: false, findings: [{ ...finding, severity: 'low' }] },
    phase: 'confirm',
    label: 'no blocking findings',
    updates: { reviewRounds: 1, reviewFindings: [{ ...finding, severity: 'low' }] },
  },
  {
    name: 'confirm, targets still met on fresh trees → commit, with the confirmation kept for the commit and the report',
    state: stateAt('confirm', { iteration: 1 }),
    outcome: { phase: 'confirm', targetsMet: true, unmet: [], snapshot: snapshot(1, 0.3) },
    phase: 'commit',
    label: 'confirmed',
    updates: { confirmed: snapshot(1, 0.3) },
  },
  {
    name: 'confirm, targets no longer met → stop: nothing committed or claimed',
    state: stateAt('confirm', { iteration: 1 }),
    outcome: {
      phase: 'confirm',
      targetsMet: false,
      unmet: ['sum 4.0% faster, target 10%'],
      snapshot: snapshot(1, 0.04),
    },
    phase: 'complete',
    label: 'not confirmed',
    updates: { confirmed: snapshot(1, 0.04) },
    stop: 'the confirmation run on fresh trees no longer meets the targets: sum 4.0% faster, target 10%; nothing was committed or claimed',
  },
  {
    name: 'review blocking, rounds and iterations left → optimize',
    state: stateAt('review', { iteration: 1 }),
    outcome: { phase: 'review', blocking: true, findings: [finding] },
    phase: 'optimize',
    label: 'blocking findings',
    updates: { reviewRounds: 1, reviewFindings: [finding] },
  },
  {
    name: 'review blocking at the last review round → stop',
    state: stateAt('review', { iteration: 2, reviewRounds: 1 }),
    outcome: { phase: 'review', blocking: true, findings: [finding] },
    phase: 'complete',
    label: 'blocking findings',
    stop: '1 review finding still blocks the change after review round 2 of 2',
  },
  {
    name: 'review blocking with no iterations left → stop',
    state: stateAt('review', { iteration: 3 }),
    outcome: { phase: 'review', blocking: true, findings: [finding, { ...finding, title: 'Leak' }] },
    phase: 'complete',
    label: 'blocking findings',
    stop: '2 review findings still block the change and no optimize iterations are left (3 of 3 used)',
  },
  {
    name: 'commit pushed → monitor',
    state: stateAt('commit', { iteration: 1 }),
    outcome: { phase: 'commit', sha: 'a'.repeat(40), pushed: true, prNumber: 7 },
    phase: 'monitor',
    label: 'pushed',
    updates: { commitSha: 'a'.repeat(40), pushed: true, prNumber: 7 },
  },
  {
    name: 'commit not pushed (dry run) → complete',
    state: stateAt('commit', { iteration: 1 }),
    outcome: { phase: 'commit', sha: 'a'.repeat(40), pushed: false },
    phase: 'complete',
    label: 'committed locally',
  },
  {
    name: 'monitor green → complete',
    state: stateAt('monitor', { iteration: 1 }),
    outcome: { phase: 'monitor', result: 'green' },
    phase: 'complete',
    label: 'CI passed',
    updates: { ciRounds: 1 },
  },
  {
    name: 'monitor failed, rounds left → analyze with the failed checks',
    state: stateAt('monitor', { iteration: 1 }),
    outcome: { phase: 'monitor', result: 'failed', failures: [{ name: 'test (node 20)', summary: '2 failed' }] },
    phase: 'analyze',
    label: 'CI failed',
    updates: { ciRounds: 1, ciFailures: [{ name: 'test (node 20)', summary: '2 failed' }] },
  },
  {
    name: 'monitor failed at the last CI round → stop naming the checks',
    state: stateAt('monitor', { iteration: 2, ciRounds: 1 }),
    outcome: {
      phase: 'monitor',
      result: 'failed',
      failures: [
        { name: 'lint', summary: '' },
        { name: 'test', summary: '' },
      ],
    },
    phase: 'complete',
    label: 'CI failed',
    stop: 'CI failed (lint, test) after CI round 2 of 2',
  },
  {
    name: 'monitor failed with no iterations left → stop (CI loops consume iterations too)',
    state: stateAt('monitor', { iteration: 3 }),
    outcome: { phase: 'monitor', result: 'failed' },
    phase: 'complete',
    label: 'CI failed',
    stop: 'CI failed and no optimize iterations are left (3 of 3 used)',
  },
  {
    name: 'monitor timeout → stop: the pushed commit is unverified',
    state: stateAt('monitor', { iteration: 1 }),
    outcome: { phase: 'monitor', result: 'timeout' },
    phase: 'complete',
    label: 'CI timed out',
    stop: 'CI did not finish before the monitor timeout, so the pushed commit is unverified',
  },
  {
    name: 'complete → done',
    state: stateAt('complete', { iteration: 1 }),
    outcome: { phase: 'complete' },
    phase: 'done',
    label: 'completed',
    updates: {},
  },
  {
    name: 'a phase failure → complete with the reason',
    state: stateAt('benchmark'),
    outcome: { failed: true, reason: 'the benchmark command exited with code 1' },
    phase: 'complete',
    label: 'failed',
    stop: 'benchmark failed: the benchmark command exited with code 1',
  },
  {
    name: 'a cancellation → complete, naming who',
    state: stateAt('optimize', { iteration: 1 }),
    outcome: { cancelled: true, by: 'octocat' },
    phase: 'complete',
    label: 'cancelled',
    stop: 'cancelled by octocat during optimize',
  },
  {
    name: 'a cancellation without a name',
    state: stateAt('verify', { iteration: 1 }),
    outcome: { cancelled: true },
    phase: 'complete',
    label: 'cancelled',
    stop: 'cancelled during verify',
  },
];

describe('nextPhase', () => {
  it.each(rows)('$name', ({ state, outcome, phase, label, stop, updates }) => {
    const transition = nextPhase(state, outcome, limits);
    expect(transition.from).toBe(state.phase);
    expect(transition.phase).toBe(phase);
    expect(transition.outcome).toBe(label);
    expect(transition.stop?.reason).toBe(stop);
    if (stop !== undefined) {
      expect(transition.stop?.phase).toBe(state.phase);
      expect(transition.updates.stop).toEqual(transition.stop);
    }
    if (updates !== undefined) {
      const { stop: _ignored, ...rest } = transition.updates;
      expect(rest).toEqual(updates);
    }
  });

  it('classifies stops by kind', () => {
    const kind = (state: PipelineState, outcome: PhaseOutcome) => nextPhase(state, outcome, limits).stop?.kind;
    expect(kind(stateAt('verify', { iteration: 3 }), { phase: 'verify', tests: 'passed', targetsMet: false })).toBe(
      'limit',
    );
    expect(kind(stateAt('analyze'), { phase: 'analyze', result: 'nothing-to-do' })).toBe('nothing-to-do');
    expect(kind(stateAt('monitor'), { phase: 'monitor', result: 'timeout' })).toBe('ci-timeout');
    expect(kind(stateAt('init'), { failed: true, reason: 'x' })).toBe('failed');
    expect(kind(stateAt('init'), { cancelled: true })).toBe('cancelled');
  });

  it('says "targets not met" without a colon when no explanation came with the outcome', () => {
    const transition = nextPhase(
      stateAt('verify', { iteration: 3 }),
      { phase: 'verify', tests: 'passed', targetsMet: false },
      limits,
    );
    expect(transition.stop?.reason).toBe('targets not met after iteration 3 of 3');
  });

  it('keeps the best passing iteration: a better one replaces it, a worse one does not', () => {
    const first = nextPhase(
      stateAt('verify', { iteration: 1 }),
      { phase: 'verify', tests: 'passed', targetsMet: false, snapshot: snapshot(1, 0.06) },
      limits,
    );
    expect(first.updates.best).toEqual(snapshot(1, 0.06));
    expect(first.updates.latest).toEqual(snapshot(1, 0.06));
    const worse = nextPhase(
      stateAt('verify', { iteration: 2, best: snapshot(1, 0.06) }),
      { phase: 'verify', tests: 'passed', targetsMet: false, snapshot: snapshot(2, 0.04) },
      limits,
    );
    expect(worse.updates.best).toBeUndefined();
    expect(worse.updates.latest).toEqual(snapshot(2, 0.04));
    const better = nextPhase(
      stateAt('verify', { iteration: 2, best: snapshot(1, 0.06) }),
      { phase: 'verify', tests: 'passed', targetsMet: false, snapshot: snapshot(2, 0.08) },
      limits,
    );
    expect(better.updates.best).toEqual(snapshot(2, 0.08));
  });

  it('never takes an iteration with failing tests as the best one', () => {
    const transition = nextPhase(
      stateAt('verify', { iteration: 1 }),
      { phase: 'verify', tests: 'failed', targetsMet: true, snapshot: snapshot(1, 0.5) },
      limits,
    );
    expect(transition.updates.best).toBeUndefined();
  });

  it('a failure or cancellation of COMPLETE ends the run without changing how it ended', () => {
    const completed = nextPhase(stateAt('complete'), { failed: true, reason: 'GitHub returned 502' }, limits);
    expect(completed).toEqual({
      from: 'complete',
      phase: 'done',
      updates: {},
      outcome: 'failed',
      note: 'complete failed: GitHub returned 502',
    });
    const earlier = {
      phase: 'verify' as const,
      kind: 'limit' as const,
      reason: 'targets not met after iteration 3 of 3',
    };
    const stopped = nextPhase(stateAt('complete', { stop: earlier }), { cancelled: true }, limits);
    expect(stopped.phase).toBe('done');
    expect(stopped.updates.stop).toBeUndefined();
    expect(nextPhase(stateAt('complete', { stop: earlier }), { phase: 'complete' }, limits).outcome).toBe('stopped');
  });

  it('walks the whole loop: bounded by maxIterations however the iterations are spent', () => {
    let state = stateAt('init');
    const script: PhaseOutcome[] = [
      { phase: 'init' },
      { phase: 'benchmark', baseline: { reportJsonPath: 'b.json', figures: [] } },
      { phase: 'analyze', result: 'plan' },
      { phase: 'optimize', result: 'changed', patchSha256: SHA },
      { phase: 'verify', tests: 'failed', targetsMet: false },
      { phase: 'optimize', result: 'changed', patchSha256: SHA },
      { phase: 'verify', tests: 'passed', targetsMet: false, unmet: ['x'] },
      { phase: 'analyze', result: 'plan' },
      { phase: 'optimize', result: 'changed', patchSha256: SHA },
      { phase: 'verify', tests: 'passed', targetsMet: false, unmet: ['x'] },
    ];
    const visited: string[] = [];
    for (const outcome of script) {
      const transition = nextPhase(state, outcome, limits);
      state = { ...state, ...transition.updates, phase: transition.phase };
      visited.push(transition.phase);
    }
    expect(visited).toEqual([
      'benchmark',
      'analyze',
      'optimize',
      'verify',
      'optimize',
      'verify',
      'analyze',
      'optimize',
      'verify',
      'complete',
    ]);
    expect(state.iteration).toBe(3);
    expect(state.stop?.reason).toBe('targets not met after iteration 3 of 3: x');
  });

  it('throws on an outcome for another phase, and on a run that is done', () => {
    expect(() => nextPhase(stateAt('verify'), { phase: 'init' }, limits)).toThrow(
      'got a init outcome while the run is at verify',
    );
    expect(() => nextPhase(stateAt('done'), { phase: 'complete' }, limits)).toThrow(
      'run run-42 is done; no phase should have run',
    );
  });
});
