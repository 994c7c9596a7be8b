import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkRedisHealth } from '../../../src/queue/check-redis-health.ts';
import { createRedisConnection } from '../../../src/queue/create-redis-connection.ts';
import { REDIS_URL } from './redis-test-context.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

/** A private redis-server with extra arguments, so the test can set what the shared one must not change. */
async function startPrivateRedis(...args: string[]): Promise<string> {
  const port = await closedPort();
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...args],
    {
      stdio: 'ignore',
    },
  );
  cleanups.push(() => server.kill('SIGKILL'));
  const url = `redis://127.0.0.1:${port}`;
  const probe = createRedisConnection(url, { role: 'worker' });
  probe.on('error', () => {});
  await probe.ping();
  probe.disconnect();
  return url;
}

describe('createRedisConnection', () => {
  it('a producer fails a command when Redis is down instead of waiting for it', async () => {
    const producer = createRedisConnection(`redis://127.0.0.1:${await closedPort()}`, { role: 'producer' });
    producer.on('error', () => {});
    cleanups.push(() => producer.disconnect());
    const started = Date.now();
    await expect(producer.set('perfbot-test:never', '1')).rejects.toThrow(
      /enableOfflineQueue|Connection is closed|ECONNREFUSED/,
    );
    expect(Date.now() - started).toBeLessThan(10_000); // generous: "rejects" rather than "hangs", not a speed claim
  });

  it('a worker connection waits for Redis (maxRetriesPerRequest null), as BullMQ requires', () => {
    const worker = createRedisConnection(REDIS_URL, { role: 'worker' });
    cleanups.push(() => worker.disconnect());
    expect(worker.options.maxRetriesPerRequest).toBeNull();
    expect(worker.options.enableOfflineQueue).toBe(true);
  });
});

describe('checkRedisHealth', () => {
  it('reports the eviction policy that CONFIG GET returns on the test Redis', async () => {
    const connection = createRedisConnection(REDIS_URL, { role: 'worker' });
    cleanups.push(() => connection.disconnect());
    const [, policy] = (await connection.config('GET', 'maxmemory-policy')) as [string, string];
    const expected =
      policy === 'noeviction' ? { ok: true, evictionPolicy: policy } : { ok: false, evictionPolicy: policy };
    expect(await checkRedisHealth(connection)).toMatchObject(expected);
  });

  it('is not ok when Redis cannot be reached', async () => {
    const connection = createRedisConnection(`redis://127.0.0.1:${await closedPort()}`, { role: 'producer' });
    connection.on('error', () => {});
    cleanups.push(() => connection.disconnect());
    const health = await checkRedisHealth(connection);
    expect(health.ok).toBe(false);
    expect(health.evictionPolicy).toBeUndefined();
    expect(health.error).toMatch(/^Redis is not reachable: /);
  });

  it.skipIf(!hasRedisServer)('is not ok when Redis may evict keys, and says what to set', async () => {
    const connection = createRedisConnection(await startPrivateRedis('--maxmemory-policy', 'allkeys-lru'), {
      role: 'worker',
    });
    cleanups.push(() => connection.disconnect());
    expect(await checkRedisHealth(connection)).toEqual({
      ok: false,
      evictionPolicy: 'allkeys-lru',
      error: 'Redis maxmemory-policy is allkeys-lru; set it to noeviction, or Redis may drop queued jobs',
    });
  });

  it.skipIf(!hasRedisServer)('reads INFO memory where CONFIG is disabled, as on managed Redis services', async () => {
    const url = await startPrivateRedis('--rename-command', 'CONFIG', '""', '--maxmemory-policy', 'volatile-ttl');
    const connection = createRedisConnection(url, { role: 'worker' });
    cleanups.push(() => connection.disconnect());
    await expect(connection.config('GET', 'maxmemory-policy')).rejects.toThrow(/unknown command/);
    expect(await checkRedisHealth(connection)).toMatchObject({ ok: false, evictionPolicy: 'volatile-ttl' });
  });
});
