import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppEnv } from '../config/app-env.ts';
import { createOctokitDeliveryLog } from '../github/create-octokit-delivery-log.ts';
import { perfbotKey } from '../queue/queue-names.ts';
import type { PerfbotMetrics } from '../server/create-metrics.ts';
import { createRedisDeliveryMemory } from '../sweeper/create-redis-delivery-memory.ts';
import { createRedisLeaderLock } from '../sweeper/create-redis-leader-lock.ts';
import { startDeliverySweeper, type DeliverySweeper } from '../sweeper/start-delivery-sweeper.ts';

/** A dead leader's lease runs out after this long; the lock is renewed every third of it. */
const LOCK_TTL_MS = 30_000;

/**
 * The redelivery sweeper of a server process (`env.redelivery`; undefined when turned off): one per Redis,
 * whichever server holds the lock, counted in `perfbot_webhook_redeliveries_total`.
 */
export function startRedeliverySweeper(
  env: AppEnv,
  redis: Redis,
  metrics: PerfbotMetrics,
  log: Logger,
): DeliverySweeper | undefined {
  if (env.redelivery === undefined) return undefined;
  return startDeliverySweeper({
    log: createOctokitDeliveryLog({ appId: env.appId, privateKey: env.privateKey, baseUrl: env.githubBaseUrl }),
    memory: createRedisDeliveryMemory(redis, env.queuePrefix),
    lock: createRedisLeaderLock(redis, perfbotKey(env.queuePrefix, 'sweeper-lock'), LOCK_TTL_MS),
    now: () => Date.now(),
    intervalMs: env.redelivery.intervalMs,
    renewEveryMs: LOCK_TTL_MS / 3,
    lookbackMs: env.redelivery.lookbackMs,
    maxPages: env.redelivery.maxPages,
    onRedelivered: (delivery) => {
      metrics.redeliveries.inc({ outcome: 'requested' });
      log.info(
        { deliveryId: delivery.guid, event: delivery.event, failedWith: delivery.status },
        'asked GitHub to redeliver a failed webhook delivery',
      );
    },
    onRefused: (delivery, error) => {
      metrics.redeliveries.inc({ outcome: 'refused' });
      log.warn(
        { deliveryId: delivery.guid, err: (error as Error).message },
        'GitHub refused to redeliver a failed webhook delivery; the next sweep tries again',
      );
    },
    onError: (error) =>
      log.warn({ err: (error as Error).message }, 'redelivery sweep failed; the next one tries again'),
  });
}
