/**
 * Why a run's signal was aborted. Intake cancels for a user (`/perf cancel`, the pull request closed), the
 * worker aborts its jobs when it shuts down; the run job reads it back to say who cancelled, or to leave the
 * status untouched because the requeued job takes over. `other` is any reason neither gave.
 */
export type CancelReason = { kind: 'user'; login: string } | { kind: 'shutdown' } | { kind: 'other'; text: string };

/**
 * The reason as text: what BullMQ's `cancelJob` and the Redis cancel bus carry, and what ends up in the job's
 * failure message (`cancelled: by @octocat`). `by @<login>` and `shutdown` are the wire format; keep them.
 */
export function cancelReasonText(reason: CancelReason): string {
  if (reason.kind === 'user') return `by @${reason.login}`;
  if (reason.kind === 'shutdown') return SHUTDOWN_REASON;
  return reason.text;
}

/** The abort reason a shutting-down worker gives its jobs; they go back to the queue instead of failing. */
export const SHUTDOWN_REASON = 'shutdown';

const USER_REASON = /^by @([A-Za-z0-9-]+(?:\[bot\])?)$/;

/** The reason of an aborted signal (or a cancel flag's text); anything not written by {@link cancelReasonText} is `other`. */
export function parseCancelReason(reason: unknown): CancelReason {
  if (reason === SHUTDOWN_REASON) return { kind: 'shutdown' };
  const text = typeof reason === 'string' ? reason : String(reason);
  const login = USER_REASON.exec(text)?.[1];
  return login === undefined ? { kind: 'other', text } : { kind: 'user', login };
}

/** True when `signal` was aborted because the worker is shutting down (the job is requeued, not cancelled). */
export function isShutdown(signal: AbortSignal): boolean {
  return signal.aborted && parseCancelReason(signal.reason).kind === 'shutdown';
}

/** Who cancelled the run (`/perf cancel`, the pull request closed), when a user did. */
export function cancelledBy(signal: AbortSignal): string | undefined {
  const reason = parseCancelReason(signal.reason);
  return signal.aborted && reason.kind === 'user' ? reason.login : undefined;
}
