/** The abort reason of a worker that is shutting down (`SHUTDOWN_REASON` of the run queue). */
const SHUTDOWN = 'shutdown';

/**
 * The job's one signal as the runner's two: a shutdown (`reason === 'shutdown'`) stops the process, not the
 * run — the phase in progress is abandoned and the requeued job repeats it; any other reason (`/perf cancel`,
 * `by @login`) cancels the run, which still writes its final report.
 */
export function splitRunSignal(signal: AbortSignal): { cancel: AbortSignal; shutdown: AbortSignal } {
  const cancel = new AbortController();
  const shutdown = new AbortController();
  const route = () => (signal.reason === SHUTDOWN ? shutdown.abort(SHUTDOWN) : cancel.abort(signal.reason));
  if (signal.aborted) route();
  else signal.addEventListener('abort', route, { once: true });
  return { cancel: cancel.signal, shutdown: shutdown.signal };
}
