import type { PhaseHandlers } from '../phase-handler.ts';
import { analyzePhase } from './analyze-phase.ts';
import { benchmarkPhase } from './benchmark-phase.ts';
import { commitPhase } from './commit-phase.ts';
import { confirmPhase } from './confirm-phase.ts';
import { completePhase } from './complete-phase.ts';
import { initPhase } from './init-phase.ts';
import { monitorPhase } from './monitor-phase.ts';
import { optimizePhase } from './optimize-phase.ts';
import { reviewPhase } from './review-phase.ts';
import { verifyPhase } from './verify-phase.ts';

/** The handler of every phase: the registry the runner dispatches on. */
export const PHASE_HANDLERS: PhaseHandlers = {
  init: initPhase,
  benchmark: benchmarkPhase,
  analyze: analyzePhase,
  optimize: optimizePhase,
  verify: verifyPhase,
  review: reviewPhase,
  confirm: confirmPhase,
  commit: commitPhase,
  monitor: monitorPhase,
  complete: completePhase,
};
