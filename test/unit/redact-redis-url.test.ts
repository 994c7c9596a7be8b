import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/domain/redact.ts';
import { redactRedisUrl } from '../../src/queue/redact-redis-url.ts';

describe('redactRedisUrl', () => {
  it('masks the password and keeps user, host, port and db', () => {
    expect(redactRedisUrl('redis://perfbot:0123abcd@redis:6379')).toBe('redis://perfbot:***@redis:6379');
    expect(redactRedisUrl('redis://:0123abcd@redis:6379/2')).toBe('redis://:***@redis:6379/2');
    expect(redactRedisUrl('rediss://perfbot:p%40ss@cache.example:6380')).toBe(
      'rediss://perfbot:***@cache.example:6380',
    );
  });

  it('masks credential query parameters, which ioredis honours like the userinfo', () => {
    expect(redactRedisUrl('redis://redis:6379?password=0123abcd&family=6')).toBe(
      'redis://redis:6379?password=***&family=6',
    );
    expect(redactRedisUrl('redis://redis:6379?sentinelPassword=0123abcd')).toBe(
      'redis://redis:6379?sentinelPassword=***',
    );
  });

  it('keeps the forms ioredis accepts without a scheme, and unix sockets', () => {
    expect(redactRedisUrl('127.0.0.1:6379')).toBe('127.0.0.1:6379');
    expect(redactRedisUrl('//:0123abcd@redis:6379')).toBe('//:***@redis:6379');
    expect(redactRedisUrl('/run/redis/redis.sock?password=0123abcd&db=1')).toBe(
      '/run/redis/redis.sock?password=***&db=1',
    );
    expect(redactRedisUrl('/run/redis/redis.sock')).toBe('/run/redis/redis.sock');
  });

  it('leaves a URL without credentials unchanged', () => {
    expect(redactRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('prints a placeholder, not the text, when the URL cannot be parsed', () => {
    expect(redactRedisUrl('redis://:0123abcd@[::1')).toBe('(unparseable REDIS_URL)');
  });
});

describe('the shared redactor on Redis URLs in free text (log lines, error messages)', () => {
  it('removes the userinfo of the compose REDIS_URL, with or without a user name', () => {
    const redact = createRedactor([]);
    expect(redact('cannot reach Redis at redis://perfbot:0123abcdef@redis:6379: ECONNREFUSED')).toBe(
      'cannot reach Redis at redis://***@redis:6379: ECONNREFUSED',
    );
    expect(redact('at redis://:0123abcdef@redis:6379')).toBe('at redis://***@redis:6379');
  });
});
