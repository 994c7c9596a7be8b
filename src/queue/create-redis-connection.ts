import { Redis, type RedisOptions } from 'ioredis';

/**
 * Who uses the connection:
 * - `worker`: BullMQ workers, the cancel-bus subscriber and the repo slots. Commands wait for Redis to come back
 *   rather than fail (`maxRetriesPerRequest: null`, which BullMQ requires for workers), so a Redis restart pauses
 *   jobs instead of failing them.
 * - `producer`: the webhook server. Commands fail at once while Redis is unreachable (`enableOfflineQueue:
 *   false`) and connecting gives up quickly, so the handler can answer 503 and GitHub records a failed delivery
 *   that the sweeper redelivers later, instead of holding the request until GitHub's 10 s timeout.
 */
export type RedisRole = 'producer' | 'worker';

export interface RedisConnectionOptions {
  role: RedisRole;
  /** Give up connecting after this long (producers only); default 1000 ms. */
  connectTimeoutMs?: number;
  /** Give up waiting for one reply after this long (producers only), e.g. during `CLIENT PAUSE`; default 3000 ms. */
  commandTimeoutMs?: number;
}

/**
 * Opens an ioredis connection to `url` (`redis://[user:password@]host:port[/db]`, or `rediss://` for TLS)
 * configured for its role. The caller owns it: BullMQ never closes a connection it was handed, so quit it after
 * the queues and workers that use it are closed. A producer connection rejects commands until it has
 * connected: wait for it at startup with {@link waitUntilConnected}.
 */
export function createRedisConnection(url: string, options: RedisConnectionOptions): Redis {
  return new Redis(url, redisOptionsFor(options));
}

function redisOptionsFor(options: RedisConnectionOptions): RedisOptions {
  if (options.role === 'worker') return { maxRetriesPerRequest: null };
  return {
    enableOfflineQueue: false,
    connectTimeout: options.connectTimeoutMs ?? 1000,
    commandTimeout: options.commandTimeoutMs ?? 3000,
    maxRetriesPerRequest: 1,
  };
}

/** Resolves once the connection is ready for commands; rejects after `timeoutMs` (default 5 s). */
export async function waitUntilConnected(connection: Redis, timeoutMs = 5000): Promise<void> {
  if (connection.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      connection.off('ready', onReady);
      reject(new Error(`Redis did not become ready within ${timeoutMs} ms (status ${connection.status})`));
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    connection.once('ready', onReady);
  });
}
