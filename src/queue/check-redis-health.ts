import type { Redis } from 'ioredis';

/** What {@link checkRedisHealth} found. */
export interface RedisHealth {
  /** Redis answered and evicts nothing (`maxmemory-policy noeviction`), the only setting BullMQ is safe with. */
  ok: boolean;
  /** The server's `maxmemory-policy`, when it could be read. */
  evictionPolicy?: string;
  /** Why `ok` is false, in words an operator can act on. */
  error?: string;
}

/**
 * Checks that Redis is reachable and will not evict keys. BullMQ loses jobs and locks silently when Redis
 * evicts and only logs a warning about it, so Perfbot's startup and readiness checks use this instead.
 * Reads `CONFIG GET maxmemory-policy`, or `INFO memory` where managed Redis services disable `CONFIG`.
 */
export async function checkRedisHealth(connection: Redis): Promise<RedisHealth> {
  let evictionPolicy: string | undefined;
  try {
    evictionPolicy = await readEvictionPolicy(connection);
  } catch (error) {
    return { ok: false, error: `Redis is not reachable: ${messageOf(error)}` };
  }
  if (evictionPolicy === undefined) {
    return { ok: false, error: 'could not read maxmemory-policy from CONFIG GET or INFO memory' };
  }
  if (evictionPolicy !== 'noeviction') {
    const error = `Redis maxmemory-policy is ${evictionPolicy}; set it to noeviction, or Redis may drop queued jobs`;
    return { ok: false, evictionPolicy, error };
  }
  return { ok: true, evictionPolicy };
}

async function readEvictionPolicy(connection: Redis): Promise<string | undefined> {
  try {
    const reply = await connection.config('GET', 'maxmemory-policy');
    if (Array.isArray(reply) && typeof reply[1] === 'string') return reply[1];
  } catch (error) {
    // An unknown or forbidden CONFIG command is the managed-service case; anything else (no connection) is not.
    if (!/unknown command|NOPERM|no permissions/i.test(messageOf(error))) throw error;
  }
  const info = await connection.info('memory');
  return /^maxmemory_policy:(\S+)/m.exec(info)?.[1];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
