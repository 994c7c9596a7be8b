import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { requestCancel } from '../../../src/queue/cancel-bus.ts';
import { checkRedisAuth } from '../../../src/queue/check-redis-auth.ts';
import { checkRedisHealth } from '../../../src/queue/check-redis-health.ts';
import { createRunQueue } from '../../../src/queue/create-queues.ts';
import { createRedisConnection, waitUntilConnected } from '../../../src/queue/create-redis-connection.ts';
import { createRunWorker } from '../../../src/queue/create-run-worker.ts';
import { enqueueRun } from '../../../src/queue/enqueue-run.ts';
import { createTestLog, REDIS_URL, runRequest, waitFor, waitForState } from './redis-test-context.ts';

const COMPOSE_FILE = path.resolve(import.meta.dirname, '../../../docker-compose.yml');
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

const servers: ChildProcess[] = [];
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => {
  for (const server of servers.splice(0)) server.kill('SIGKILL');
});

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts a private redis-server with `args` on 127.0.0.1 and waits until it answers (PONG or NOAUTH). */
async function startRedis(args: readonly string[]): Promise<{ port: number }> {
  const port = await freePort();
  const server = spawn(
    'redis-server',
    [...args, '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  servers.push(server);
  await waitFor(`redis-server on port ${port}`, async () =>
    (await checkRedisAuth(`redis://127.0.0.1:${port}`, { timeoutMs: 500 })).state === 'unknown' ? undefined : true,
  );
  return { port };
}

function connect(url: string, role: 'producer' | 'worker'): Redis {
  const connection = createRedisConnection(url, { role });
  connection.on('error', () => {});
  cleanups.push(() => connection.disconnect());
  return connection;
}

/** The URL with a user name and password added: the probe must ignore both. */
function withCredentials(url: string, username: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = username;
  parsed.password = password;
  return parsed.toString();
}

describe('checkRedisAuth', () => {
  it('reports the test Redis at REDIS_URL as open: it answers PING without a password', async () => {
    expect(await checkRedisAuth(REDIS_URL)).toEqual({ state: 'open' });
  });

  it('ignores the credentials in the URL: an open Redis is reported open even when the URL carries a password', async () => {
    expect(await checkRedisAuth(withCredentials(REDIS_URL, 'perfbot', 'not-needed-here'))).toEqual({ state: 'open' });
  });

  it('is unknown, with the reason, when nothing listens', async () => {
    const check = await checkRedisAuth(`redis://127.0.0.1:${await freePort()}`);
    expect(check.state).toBe('unknown');
    expect(check.state === 'unknown' && check.error).toMatch(/ECONNREFUSED/);
  });

  it('is unknown within its timeout when the server accepts the connection but never answers', async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => silent.close(resolve));
    });
    const port = (silent.address() as { port: number }).port;
    const started = Date.now();
    const check = await checkRedisAuth(`redis://127.0.0.1:${port}`, { timeoutMs: 300 });
    expect(check.state).toBe('unknown');
    expect(Date.now() - started).toBeLessThan(10_000); // "gives up" rather than "hangs", not a speed claim
  });
});

describe.skipIf(!hasRedisServer)('a Redis with requirepass', () => {
  const password = randomBytes(16).toString('hex');
  let port: number;
  beforeAll(async () => {
    ({ port } = await startRedis(['--requirepass', password]));
  });

  it('is reported protected, also when the URL given carries the password', async () => {
    const plain = await checkRedisAuth(`redis://127.0.0.1:${port}`);
    expect(plain).toMatchObject({ state: 'protected', reply: expect.stringMatching(/^NOAUTH/) });
    expect(await checkRedisAuth(`redis://:${password}@127.0.0.1:${port}`)).toMatchObject({ state: 'protected' });
  });

  it("takes the app's connection with the password in REDIS_URL, and passes the health check", async () => {
    const producer = connect(`redis://:${password}@127.0.0.1:${port}`, 'producer');
    await waitUntilConnected(producer);
    expect(await producer.ping()).toBe('PONG');
    await producer.set('perfbot-test:auth', 'ok');
    expect(await producer.get('perfbot-test:auth')).toBe('ok');
    expect(await checkRedisHealth(producer)).toEqual({ ok: true, evictionPolicy: 'noeviction' });
  });

  it('refuses a wrong password with an error message that does not contain it', async () => {
    const wrong = 'wrong-password-0123456789';
    const connection = createRedisConnection(`redis://:${wrong}@127.0.0.1:${port}`, { role: 'producer' });
    const messages: string[] = [];
    connection.on('error', (error: Error) => void messages.push(error.message));
    cleanups.push(() => connection.disconnect());
    await waitFor('the AUTH error', () => (messages.length > 0 ? true : undefined));
    expect(messages[0]).toMatch(/^WRONGPASS/);
    for (const message of messages) expect(message).not.toContain(wrong);
  });
});

/**
 * The redis service of docker-compose.yml, as shipped: its ACL arguments are read from the file, so this test
 * fails when a change there breaks BullMQ or Perfbot (or lets the unauthenticated default user back in).
 */
describe.skipIf(!hasRedisServer)('the Redis of docker-compose.yml (ACL user perfbot, default user off)', () => {
  const password = randomBytes(16).toString('hex');
  const compose = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as ComposeFile;
  let url: string;
  let port: number;
  beforeAll(async () => {
    const command = compose.services.redis.command.map((arg) => arg.replace(/\$\{REDIS_PASSWORD:\?[^}]*\}/g, password));
    expect(command[0]).toBe('redis-server');
    // Persistence is the compose file's business, not this test's: startRedis turns it off and picks the port.
    const args = command.slice(1).filter((arg, i, all) => !(arg === '--appendonly' || all[i - 1] === '--appendonly'));
    ({ port } = await startRedis(args));
    url = `redis://perfbot:${password}@127.0.0.1:${port}`;
  });

  it('gives both app services a REDIS_URL for the user perfbot with the password from REDIS_PASSWORD', () => {
    for (const service of ['perfbot', 'worker'] as const) {
      expect(compose.services[service].environment.REDIS_URL).toMatch(
        /^redis:\/\/perfbot:\$\{REDIS_PASSWORD:\?[^}]+\}@redis:6379$/,
      );
    }
  });

  it('is reported protected: the unauthenticated default user is off', async () => {
    expect(await checkRedisAuth(`redis://127.0.0.1:${port}`)).toMatchObject({ state: 'protected' });
  });

  it('lets perfbot run the health check (CONFIG is refused, INFO answers)', async () => {
    const connection = connect(url, 'worker');
    await expect(connection.config('GET', 'maxmemory-policy')).rejects.toThrow(/NOPERM/);
    expect(await checkRedisHealth(connection)).toEqual({ ok: true, evictionPolicy: 'noeviction' });
  });

  it('refuses the commands an intruder with the password would use against the host or the data', async () => {
    const connection = connect(url, 'worker');
    for (const command of [
      ['CONFIG', 'SET', 'dir', '/tmp'],
      ['MODULE', 'LOAD', '/tmp/evil.so'],
      ['DEBUG', 'SLEEP', '0'],
      ['FLUSHALL'],
      ['KEYS', '*'],
      ['ACL', 'LIST'],
      ['SHUTDOWN', 'NOSAVE'],
      ['REPLICAOF', '127.0.0.1', '1'],
    ]) {
      // MODULE and DEBUG are also off by default (enable-module-command / enable-debug-command): refused either way.
      await expect(connection.call(command[0]!, ...command.slice(1)), command.join(' ')).rejects.toThrow(
        /NOPERM|command not allowed/,
      );
    }
  });

  it('runs BullMQ and Perfbot as the user perfbot: enqueue, repo slot, worker list, cancel over pub/sub', async () => {
    const prefix = `perfbot-test-${randomBytes(4).toString('hex')}`;
    const redis = connect(url, 'worker');
    const queue = createRunQueue({ connection: redis, prefix });
    cleanups.push(() => queue.close());
    const runner = await createRunWorker({
      connection: connect(url, 'worker'),
      subscriber: connect(url, 'worker'),
      prefix,
      concurrency: 1,
      repoLimit: 1,
      log: createTestLog(),
      watchIntervalMs: 200,
      processor: (_job, signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
        ),
    });
    cleanups.push(() => runner.worker.close(true));
    const { jobId } = await enqueueRun(queue, runRequest(), { redis });
    await waitForState(queue, jobId, 'active');
    expect((await queue.getWorkers()).length).toBeGreaterThan(0); // CLIENT LIST
    await requestCancel(redis, jobId, 'test: cancel as perfbot', { prefix });
    // The worker sees the request on pub/sub at once, or at its next 200 ms look; a loaded machine can be slow.
    await waitForState(queue, jobId, 'failed', 30_000);
    expect((await queue.getJob(jobId))?.failedReason).toMatch(/cancel/);
    expect(await queue.getJobCounts('failed')).toEqual({ failed: 1 });
  });
});

interface ComposeFile {
  services: {
    redis: { command: string[] };
    perfbot: { environment: Record<string, string> };
    worker: { environment: Record<string, string> };
  };
}
