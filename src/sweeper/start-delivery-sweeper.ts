import type { LeaderLock } from './create-redis-leader-lock.ts';
import { redeliverFailedDeliveries, type SweepOptions, type SweepSummary } from './redeliver-failed-deliveries.ts';

export interface DeliverySweeperOptions extends SweepOptions {
  lock: LeaderLock;
  /** Time between sweeps. The lock is renewed every third of its TTL, during a sweep too. */
  intervalMs: number;
  /** How often the lock is renewed; a third of its TTL. */
  renewEveryMs: number;
  onSweep?: (summary: SweepSummary) => void;
  onError?: (error: unknown) => void;
}

export interface DeliverySweeper {
  /** Whether this process led at its last look, and how many sweeps it ran. */
  status(): { leader: boolean; sweeps: number };
  /** Stops sweeping (waits for a sweep in progress) and hands the lock back. */
  close(): Promise<void>;
}

/**
 * Runs {@link redeliverFailedDeliveries} every `intervalMs` on the one server that holds the lock. Every server
 * keeps trying the lock, so when the leader stops (or dies and its lease runs out) another one sweeps.
 */
export function startDeliverySweeper(options: DeliverySweeperOptions): DeliverySweeper {
  let leader = false;
  let sweeps = 0;
  let closed = false;
  let running: Promise<void> | undefined;
  const renew = async () => {
    try {
      leader = await options.lock.hold();
    } catch (error) {
      leader = false;
      options.onError?.(error);
    }
  };
  const tick = async () => {
    await renew();
    if (!leader || closed) return;
    try {
      const summary = await redeliverFailedDeliveries(options);
      sweeps += 1;
      options.onSweep?.(summary);
    } catch (error) {
      options.onError?.(error);
    }
  };
  const renewTimer = setInterval(() => {
    if (leader) void renew();
  }, options.renewEveryMs);
  // A sweep slower than the interval is not overlapped by the next one: that tick is skipped.
  const start = () => {
    running ??= tick().finally(() => (running = undefined));
  };
  const sweepTimer = setInterval(start, options.intervalMs);
  renewTimer.unref();
  sweepTimer.unref();
  start();
  return {
    status: () => ({ leader, sweeps }),
    async close() {
      closed = true;
      clearInterval(sweepTimer);
      clearInterval(renewTimer);
      await running;
      if (leader) await options.lock.release().catch((error: unknown) => options.onError?.(error));
      leader = false;
    },
  };
}
