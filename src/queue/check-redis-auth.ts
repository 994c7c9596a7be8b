import { Redis, type RedisOptions } from 'ioredis';

/**
 * What {@link checkRedisAuth} found when it knocked without credentials:
 * - `open`: Redis answered PING. Anyone who reaches it (PR code included, if the sandbox is off or lets it
 *   through) can read every queued payload and add intake jobs that skip the webhook signature (audit S3);
 * - `protected`: Redis refused with `NOAUTH`, so only clients with the password get in;
 * - `unknown`: no answer either way (unreachable, timed out, an unexpected reply); `error` says what happened.
 */
export type RedisAuthCheck =
  { state: 'open' } | { state: 'protected'; reply: string } | { state: 'unknown'; error: string };

export interface CheckRedisAuthOptions {
  /** Give up connecting, and waiting for the reply, after this long; default 2000 ms. */
  timeoutMs?: number;
}

/**
 * Tells whether the Redis at `redisUrl` accepts commands from a client that does not authenticate. Opens its
 * own short-lived connection to the same host, port (or socket) and TLS setting, without the URL's user name,
 * password or db, sends one PING and closes it. Never throws; never sends the credentials anywhere.
 */
export async function checkRedisAuth(redisUrl: string, options: CheckRedisAuthOptions = {}): Promise<RedisAuthCheck> {
  const timeoutMs = options.timeoutMs ?? 2000;
  let probe: Redis | undefined;
  // ioredis rejects a failed connect with "Connection is closed."; the cause (ECONNREFUSED…) is the error event.
  let cause: string | undefined;
  try {
    probe = new Redis({
      ...transportOf(redisUrl),
      lazyConnect: true,
      // No INFO ready check, no CLIENT SETINFO/SETNAME, no retries: exactly one PING is what is being asked.
      enableReadyCheck: false,
      disableClientInfo: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      reconnectOnError: () => false,
      connectTimeout: timeoutMs,
      commandTimeout: timeoutMs,
    });
    probe.on('error', (error: Error) => (cause = error.message)); // reported in the result, not as an unhandled event
    await probe.connect();
    const reply = await probe.ping();
    return reply === 'PONG'
      ? { state: 'open' }
      : { state: 'unknown', error: `unexpected reply to PING: ${reply as string}` };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/^NOAUTH\b/.test(message)) return { state: 'protected', reply: message };
    return { state: 'unknown', error: cause ?? message };
  } finally {
    probe?.disconnect();
  }
}

/**
 * Where `redisUrl` points, parsed by ioredis itself (so every URL form the app accepts is read the same way),
 * keeping only the transport: host, port, unix socket, TLS options, address family. A `lazyConnect` client
 * parses without opening a socket.
 */
function transportOf(redisUrl: string): RedisOptions {
  const parsed = new Redis(redisUrl, { lazyConnect: true });
  const { host, port, path, tls, family } = parsed.options;
  parsed.disconnect();
  return { host, port, path, tls, family };
}
