import { parseCancelReason, SHUTDOWN_REASON } from '../domain/cancel-reason.ts';

/**
 * The job's one signal as the pipeline runner's two: a shutdown stops the process, not the run — the phase in
 * progress is abandoned and the requeued job repeats it; any other reason (`/perf cancel`) cancels the run,
 * which still writes its final report.
 */
export function splitRunSignal(signal: AbortSignal): { cancel: AbortSignal; shutdown: AbortSignal } {
  const cancel = new AbortController();
  const shutdown = new AbortController();
  const route = () =>
    parseCancelReason(signal.reason).kind === 'shutdown'
      ? shutdown.abort(SHUTDOWN_REASON)
      : cancel.abort(signal.reason);
  if (signal.aborted) route();
  else signal.addEventListener('abort', route, { once: true });
  return { cancel: cancel.signal, shutdown: shutdown.signal };
}
