import type { QueueLog } from './queue-log.ts';

/**
 * Calls `tick` every `intervalMs` until the returned function is called; ticks never overlap, and a failing
 * tick is logged, not fatal (Redis may be restarting; the next tick tries again).
 */
export function watchRunningJob(
  tick: () => Promise<void>,
  options: { intervalMs: number; log: QueueLog; jobId: string },
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      tick()
        .catch((error: unknown) =>
          options.log.warn({ jobId: options.jobId, error: String(error) }, 'job watch tick failed'),
        )
        .finally(() => {
          if (!stopped) schedule();
        });
    }, options.intervalMs);
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
