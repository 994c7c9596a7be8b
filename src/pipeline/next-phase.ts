import type { VerifySnapshot } from './bench-snapshot.ts';
import type { Phase } from '../domain/phase-names.ts';
import type { PhaseOutcome, PhaseResult, PipelineLimits, StateUpdates, Transition } from './phase-outcome.ts';
import type { PipelineState, StopInfo } from './pipeline-state.ts';

type Of<P extends Phase> = Extract<PhaseResult, { phase: P }>;

/**
 * The transition table of `/perf optimize`, as a pure function of the checkpoint and what the phase reported.
 *
 * Straight path: INIT → BENCHMARK → ANALYZE → OPTIMIZE → VERIFY → REVIEW → CONFIRM → COMMIT → MONITOR → COMPLETE → done.
 * CONFIRM measures the reviewed change again on fresh trees; when it no longer meets the targets the run stops.
 * Loops, all bounded by `maxIterations` because each one runs OPTIMIZE again (`iteration` counts them all):
 * - VERIFY, tests failed → OPTIMIZE (fix them);
 * - VERIFY, tests pass but targets not met or a trade-off broken → ANALYZE (look deeper; told which);
 * - OPTIMIZE, no changes → ANALYZE; changes rejected by the diff rules → OPTIMIZE (told which files and why),
 *   once: a second rejection in a row stops the run with the reasons;
 * - REVIEW, blocking findings → OPTIMIZE, also bounded by `maxReviewRounds`;
 * - MONITOR, CI failed → ANALYZE with the failed checks, also bounded by `maxCiRounds`.
 *
 * A stop (a cap reached, nothing to do, a phase failure, a cancellation) goes to COMPLETE with `stop` set, so
 * the final report always gets posted; COMPLETE then ends in `done`. A failure or cancellation of COMPLETE
 * itself goes straight to `done` without changing how the run ended.
 *
 * Targets not met when the iterations run out stop the run even if it did improve: the requester asked for a
 * target, and pushing or opening a PR for less would look like success. The branch is kept and the final
 * report shows the best iteration, so a human can still take it. Reviews and CI only run on met targets.
 *
 * Throws on a programming error: an outcome for another phase than `state.phase`, or a state that is `done`.
 */
export function nextPhase(state: PipelineState, outcome: PhaseOutcome, limits: PipelineLimits): Transition {
  if (state.phase === 'done') throw new Error(`run ${state.runId} is done; no phase should have run`);
  const from = state.phase;
  if ('failed' in outcome) {
    return stopAt(
      state,
      from,
      { phase: from, kind: 'failed', reason: `${from} failed: ${outcome.reason}` },
      {},
      'failed',
    );
  }
  if ('cancelled' in outcome) {
    const by = outcome.by === undefined ? '' : ` by ${outcome.by}`;
    return stopAt(
      state,
      from,
      { phase: from, kind: 'cancelled', reason: `cancelled${by} during ${from}` },
      {},
      'cancelled',
    );
  }
  if (outcome.phase !== from) throw new Error(`got a ${outcome.phase} outcome while the run is at ${from}`);
  switch (outcome.phase) {
    case 'init':
      return go(from, 'benchmark', {}, 'ready');
    case 'benchmark':
      return go(from, 'analyze', { baseline: outcome.baseline }, 'baseline measured');
    case 'analyze':
      return afterAnalyze(state, outcome, limits);
    case 'optimize':
      return afterOptimize(state, outcome, limits);
    case 'verify':
      return afterVerify(state, outcome, limits);
    case 'review':
      return afterReview(state, outcome, limits);
    case 'confirm':
      return afterConfirm(state, outcome);
    case 'commit': {
      const updates: StateUpdates = { commitSha: outcome.sha, pushed: outcome.pushed, prNumber: outcome.prNumber };
      // Nothing pushed (committed locally, or posted as a patch): no CI will run on it, so MONITOR is skipped.
      return go(
        from,
        outcome.pushed ? 'monitor' : 'complete',
        updates,
        outcome.label ?? (outcome.pushed ? 'pushed' : 'committed locally'),
      );
    }
    case 'monitor':
      return afterMonitor(state, outcome, limits);
    case 'complete':
      return go(from, 'done', {}, state.stop === undefined ? 'completed' : 'stopped');
  }
}

function afterAnalyze(state: PipelineState, outcome: Of<'analyze'>, limits: PipelineLimits): Transition {
  const updates: StateUpdates = { analyzeRounds: state.analyzeRounds + 1 };
  if (outcome.result === 'nothing-to-do') {
    const reason = 'the analysis found nothing more to optimize';
    return stopAt(state, 'analyze', { phase: 'analyze', kind: 'nothing-to-do', reason }, updates, 'nothing to do');
  }
  if (state.iteration >= limits.maxIterations) {
    const reason = `no optimize iterations left (${state.iteration} of ${limits.maxIterations} used)`;
    return stopAt(state, 'analyze', { phase: 'analyze', kind: 'limit', reason }, updates, 'iterations used up');
  }
  return go('analyze', 'optimize', updates, 'plan written');
}

function afterOptimize(state: PipelineState, outcome: Of<'optimize'>, limits: PipelineLimits): Transition {
  const iteration = state.iteration + 1;
  // The feedback this iteration was given has been acted on.
  const updates: StateUpdates = {
    iteration,
    patchSha256: outcome.patchSha256,
    changeIteration: undefined,
    testFailures: undefined,
    diffViolations: undefined,
    ciFailures: undefined,
  };
  const left = iteration < limits.maxIterations;
  const at = `in iteration ${iteration} of ${limits.maxIterations}`;
  switch (outcome.result) {
    case 'changed':
      return go('optimize', 'verify', updates, 'changes made');
    case 'no-changes':
      if (left) return go('optimize', 'analyze', updates, 'no changes');
      return stopAt(
        state,
        'optimize',
        { phase: 'optimize', kind: 'limit', reason: `the agent made no changes ${at}` },
        updates,
        'no changes',
      );
    case 'rejected': {
      const files = outcome.violations.map((violation) => violation.path);
      const withViolations = { ...updates, diffViolations: outcome.violations };
      // Violations still set: the previous attempt was rejected too and this one was told why (one retry).
      if (state.diffViolations !== undefined) {
        const listed = outcome.violations.map((violation) => `${violation.path} (${violation.reason})`).join('; ');
        const reason = `the agent broke the diff rules again after being told why, ${at}: ${listed}`;
        return stopAt(
          state,
          'optimize',
          { phase: 'optimize', kind: 'limit', reason },
          withViolations,
          'changes rejected again',
        );
      }
      if (left) return go('optimize', 'optimize', withViolations, 'changes rejected');
      const reason = `the agent changed files it may not change ${at} (${files.join(', ')})`;
      return stopAt(
        state,
        'optimize',
        { phase: 'optimize', kind: 'limit', reason },
        withViolations,
        'changes rejected',
      );
    }
  }
}

function afterVerify(state: PipelineState, outcome: Of<'verify'>, limits: PipelineLimits): Transition {
  const left = state.iteration < limits.maxIterations;
  const at = `after iteration ${state.iteration} of ${limits.maxIterations}`;
  const updates: StateUpdates = {};
  if (outcome.snapshot !== undefined) updates.latest = outcome.snapshot;
  if (outcome.tests === 'failed') {
    updates.testFailures = outcome.testFailures ?? 'the tests failed (no output captured)';
    if (left) return go('verify', 'optimize', updates, 'tests failed');
    return stopAt(
      state,
      'verify',
      { phase: 'verify', kind: 'limit', reason: `tests still fail ${at}` },
      updates,
      'tests failed',
    );
  }
  const broken = outcome.tradeoffsBroken ?? [];
  // A change that broke a trade-off is no candidate for "best": its speed-up was paid for elsewhere.
  const isBest = outcome.snapshot !== undefined && broken.length === 0 && isBetter(outcome.snapshot, state.best);
  if (isBest)
    updates.best = {
      ...outcome.snapshot!,
      ...(state.patchSha256 === undefined ? {} : { patchSha256: state.patchSha256 }),
    };
  const done = outcome.targetsMet && broken.length === 0;
  updates.unmetTargets = done ? undefined : (outcome.unmet ?? []);
  if (done) return go('verify', 'review', updates, 'targets met');
  // Unmet targets are the headline; a broken trade-off is when the targets alone would have been met.
  const label = outcome.targetsMet ? 'trade-off broken' : 'targets not met';
  // The ratchet: a change that did worse than the best so far (or broke a trade-off) is not built on. The run goes
  // back to the best change (the starting commit when there is none) and the next iteration starts from there.
  // A best recorded before the ratchet existed has no patch hash to go back to: the run then stays where it is.
  const reachable = state.best === undefined || state.best.patchSha256 !== undefined;
  const worse =
    reachable && outcome.snapshot !== undefined && (broken.length > 0 || (state.best !== undefined && !isBest));
  if (worse && left) {
    const back = state.best;
    updates.changeIteration = back?.iteration ?? 0;
    updates.patchSha256 = back?.patchSha256;
    const to = back === undefined ? 'the starting commit' : `iteration ${back.iteration}, the best so far`;
    return { ...go('verify', 'analyze', updates, label), note: `reverted to ${to}` };
  }
  if (left) return go('verify', 'analyze', updates, label);
  const detail = outcome.unmet === undefined || outcome.unmet.length === 0 ? '' : `: ${outcome.unmet.join('; ')}`;
  const reason = `${outcome.targetsMet ? 'a trade-off was broken' : 'targets not met'} ${at}${detail}`;
  return stopAt(state, 'verify', { phase: 'verify', kind: 'limit', reason }, updates, label);
}

function afterReview(state: PipelineState, outcome: Of<'review'>, limits: PipelineLimits): Transition {
  const reviewRounds = state.reviewRounds + 1;
  const updates: StateUpdates = { reviewRounds, reviewFindings: outcome.findings };
  if (!outcome.blocking) return go('review', 'confirm', updates, 'no blocking findings');
  if (reviewRounds < limits.maxReviewRounds && state.iteration < limits.maxIterations) {
    return go('review', 'optimize', updates, 'blocking findings');
  }
  const count = outcome.findings.length;
  const what = `${count} review ${count === 1 ? 'finding still blocks' : 'findings still block'} the change`;
  const bound =
    reviewRounds >= limits.maxReviewRounds
      ? `after review round ${reviewRounds} of ${limits.maxReviewRounds}`
      : `and no optimize iterations are left (${state.iteration} of ${limits.maxIterations} used)`;
  return stopAt(
    state,
    'review',
    { phase: 'review', kind: 'limit', reason: `${what} ${bound}` },
    updates,
    'blocking findings',
  );
}

/**
 * CONFIRM: the change met its targets in the VERIFY that chose it; a second, independent measurement must agree
 * before anything is committed or claimed. When it does not, the run stops: the first figure was luck.
 */
function afterConfirm(state: PipelineState, outcome: Of<'confirm'>): Transition {
  const updates: StateUpdates = { confirmed: outcome.snapshot };
  if (outcome.targetsMet) return go('confirm', 'commit', updates, 'confirmed');
  const detail = outcome.unmet === undefined || outcome.unmet.length === 0 ? '' : `: ${outcome.unmet.join('; ')}`;
  const reason = `the confirmation run on fresh trees no longer meets the targets${detail}; nothing was committed or claimed`;
  return stopAt(state, 'confirm', { phase: 'confirm', kind: 'limit', reason }, updates, 'not confirmed');
}

function afterMonitor(state: PipelineState, outcome: Of<'monitor'>, limits: PipelineLimits): Transition {
  const ciRounds = state.ciRounds + 1;
  const updates: StateUpdates = { ciRounds };
  if (outcome.result === 'green') return go('monitor', 'complete', updates, 'CI passed');
  if (outcome.result === 'timeout') {
    const reason = 'CI did not finish before the monitor timeout, so the pushed commit is unverified';
    return stopAt(state, 'monitor', { phase: 'monitor', kind: 'ci-timeout', reason }, updates, 'CI timed out');
  }
  const failures = outcome.failures ?? [];
  updates.ciFailures = failures;
  if (ciRounds < limits.maxCiRounds && state.iteration < limits.maxIterations) {
    return go('monitor', 'analyze', updates, 'CI failed');
  }
  const checks = failures.length === 0 ? '' : ` (${failures.map((failure) => failure.name).join(', ')})`;
  const bound =
    ciRounds >= limits.maxCiRounds
      ? `after CI round ${ciRounds} of ${limits.maxCiRounds}`
      : `and no optimize iterations are left (${state.iteration} of ${limits.maxIterations} used)`;
  const reason = `CI failed${checks} ${bound}`;
  return stopAt(state, 'monitor', { phase: 'monitor', kind: 'limit', reason }, updates, 'CI failed');
}

/** A passing iteration beats the best so far when its headline improvement is larger. */
function isBetter(snapshot: VerifySnapshot, best: VerifySnapshot | undefined): boolean {
  if (snapshot.primary === undefined) return false;
  return best?.primary === undefined || snapshot.primary.improvement > best.primary.improvement;
}

function go(from: Phase, phase: Transition['phase'], updates: StateUpdates, outcome: string): Transition {
  return { from, phase, updates, outcome };
}

/**
 * Ends the run at COMPLETE, which posts the report. When COMPLETE itself failed or was cancelled the run is
 * over anyway: it ends in `done` with its earlier ending unchanged (a run that pushed a green commit stays
 * completed; only its report may be missing), and the reason goes into the history note.
 */
function stopAt(state: PipelineState, from: Phase, stop: StopInfo, updates: StateUpdates, outcome: string): Transition {
  if (from === 'complete') return { from, phase: 'done', updates, outcome, note: stop.reason };
  return { from, phase: 'complete', stop, updates: { ...updates, stop }, outcome };
}
