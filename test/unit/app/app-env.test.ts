import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readAppEnv } from '../../../src/config/app-env.ts';
import { UsageError } from '../../../src/domain/errors.ts';

const pem = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs1', format: 'pem' })
  .toString();
const base = { APP_ID: '123', PRIVATE_KEY: pem, WEBHOOK_SECRET: 'a-long-random-secret' };

describe('readAppEnv', () => {
  it('reads a minimal environment with defaults', () => {
    const env = readAppEnv(base);
    expect(env).toMatchObject({
      appId: '123',
      webhookSecret: 'a-long-random-secret',
      port: 3000,
      githubBaseUrl: 'https://api.github.com',
      redisUrl: 'redis://127.0.0.1:6379',
      concurrency: 1,
      repoConcurrency: 1,
      shutdownGraceMs: 30_000,
      dashboard: undefined,
    });
  });

  it('refuses to start without a real webhook secret', () => {
    for (const WEBHOOK_SECRET of [undefined, '', 'development']) {
      expect(() => readAppEnv({ ...base, WEBHOOK_SECRET })).toThrow(/WEBHOOK_SECRET: set it to the webhook secret/);
    }
  });

  it('builds the GitHub Enterprise Server API URL from GHE_HOST and GHE_PROTOCOL', () => {
    expect(readAppEnv({ ...base, GHE_HOST: 'ghe.example.com' }).githubBaseUrl).toBe('https://ghe.example.com/api/v3');
    expect(readAppEnv({ ...base, GHE_HOST: '127.0.0.1:8080', GHE_PROTOCOL: 'http' }).githubBaseUrl).toBe(
      'http://127.0.0.1:8080/api/v3',
    );
    expect(readAppEnv({ ...base, GHE_HOST: '127.0.0.1:8080', GHE_PROTOCOL: 'http' }).githubWebUrl).toBe(
      'http://127.0.0.1:8080',
    );
    expect(readAppEnv(base).githubWebUrl).toBe('https://github.com');
  });

  it('configures the redelivery sweeper, and turns it off with an interval of 0', () => {
    expect(readAppEnv(base).redelivery).toEqual({ intervalMs: 300_000, lookbackMs: 120 * 60_000, maxPages: 10 });
    expect(
      readAppEnv({
        ...base,
        PERFBOT_REDELIVERY_INTERVAL_SECONDS: '60',
        PERFBOT_REDELIVERY_LOOKBACK_MINUTES: '30',
        PERFBOT_REDELIVERY_MAX_PAGES: '2',
      }).redelivery,
    ).toEqual({
      intervalMs: 60_000,
      lookbackMs: 30 * 60_000,
      maxPages: 2,
    });
    expect(readAppEnv({ ...base, PERFBOT_REDELIVERY_INTERVAL_SECONDS: '0' }).redelivery).toBeUndefined();
    expect(() => readAppEnv({ ...base, PERFBOT_REDELIVERY_LOOKBACK_MINUTES: '10000' })).toThrow(
      /PERFBOT_REDELIVERY_LOOKBACK_MINUTES: GitHub keeps deliveries for 3 days/,
    );
  });

  it('reads the key from PRIVATE_KEY_PATH and names an unreadable path', () => {
    const { PRIVATE_KEY: _omit, ...withoutKey } = base;
    expect(readAppEnv({ ...withoutKey, PRIVATE_KEY_PATH: '/keys/app.pem' }, () => pem).privateKey).toBe(pem);
    expect(() =>
      readAppEnv({ ...withoutKey, PRIVATE_KEY_PATH: '/nope.pem' }, () => {
        throw Object.assign(new Error('x'), { code: 'ENOENT' });
      }),
    ).toThrow('PRIVATE_KEY_PATH: cannot read /nope.pem (ENOENT)');
  });

  it('lists every problem at once, and never echoes the key', () => {
    let error: unknown;
    try {
      readAppEnv({ APP_ID: 'abc', PRIVATE_KEY: 'not-a-key-SECRETVALUE', PORT: 'x', PERFBOT_DASHBOARD_USER: 'admin' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).toContain('APP_ID: expected the numeric App ID');
    expect(message).toContain('PORT');
    expect(message).toContain('WEBHOOK_SECRET');
    expect(message).toContain('PRIVATE_KEY: not a PEM private key');
    expect(message).toContain('PERFBOT_DASHBOARD_USER and PERFBOT_DASHBOARD_PASSWORD');
    expect(message).not.toContain('SECRETVALUE');
  });
});
