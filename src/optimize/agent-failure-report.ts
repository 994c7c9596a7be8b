import type { AgentFailure } from '../agents/agent.ts';
import type { PhaseReport } from './phase-handler.ts';

/** A failed agent run as a phase report: cancelled when the phase's signal fired, failed otherwise. */
export function agentFailureReport(role: string, failure: AgentFailure, signal: AbortSignal): PhaseReport {
  const cost = failure.costUsd === undefined ? {} : { costUsd: failure.costUsd };
  if (signal.aborted) return { outcome: { cancelled: true, ...abortedBy(signal) }, ...cost };
  return { outcome: { failed: true, reason: `the ${role} agent failed: ${failure.error}` }, ...cost };
}

/** Who aborted, when the signal's reason says (the runner aborts with a string naming the budget or a user). */
export function abortedBy(signal: AbortSignal): { by?: string } {
  return typeof signal.reason === 'string' ? { by: signal.reason } : {};
}
