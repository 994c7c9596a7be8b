import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Calibration } from '../../../src/benchmark/noise-calibration.ts';
import { calibrationKey } from '../../../src/calibration/calibration-key.ts';
import { createFileCalibrationStore } from '../../../src/calibration/create-file-calibration-store.ts';
import {
  CALIBRATION_TTL_SECONDS,
  createRedisCalibrationStore,
} from '../../../src/calibration/create-redis-calibration-store.ts';
import { cleanupAll, createTempDir } from '../../helpers/git-fixtures.ts';
import { createRedisTestContext, type RedisTestContext } from '../queue/redis-test-context.ts';

const HERE = 'aaaaaaaaaaaaaaaa';
const ELSEWHERE = 'bbbbbbbbbbbbbbbb';
const calibration = (fingerprint: string, noise: number): Calibration => ({
  repo: 'octo/repo',
  sha: 'c'.repeat(40),
  fingerprint,
  machine: `machine ${fingerprint.slice(0, 1)}`,
  measuredAt: '2026-12-03T07:00:00.000Z',
  benchmarks: [{ benchmark: 'parse', metric: 'time', noise, pairs: 20 }],
});

let redis: RedisTestContext | undefined;
afterEach(async () => {
  await redis?.cleanup();
  redis = undefined;
});
afterAll(cleanupAll);

describe('the Redis calibration store', () => {
  it('keeps a calibration per repository and fingerprint for 30 days, and never hands one to another fingerprint', async () => {
    redis = createRedisTestContext();
    const connection = redis.connect('worker');
    const store = createRedisCalibrationStore(connection, redis.prefix);
    expect(await store.get('octo/repo', HERE)).toBeNull();
    await store.save(calibration(HERE, 0.03));
    expect(await store.get('octo/repo', HERE)).toEqual(calibration(HERE, 0.03));
    expect(await store.get('octo/repo', ELSEWHERE)).toBeNull();
    expect(await store.get('octo/other', HERE)).toBeNull();
    const ttl = await connection.ttl(calibrationKey(redis.prefix, 'octo/repo', HERE));
    expect(ttl).toBeGreaterThan(CALIBRATION_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(CALIBRATION_TTL_SECONDS);

    // A second machine's calibration lives beside the first; a new one on the same machine replaces it.
    await store.save(calibration(ELSEWHERE, 0.09));
    await store.save(calibration(HERE, 0.04));
    expect((await store.get('octo/repo', HERE))?.benchmarks[0]?.noise).toBe(0.04);
    expect((await store.get('octo/repo', ELSEWHERE))?.benchmarks[0]?.noise).toBe(0.09);
  });

  it('treats a damaged or mislabelled record as none', async () => {
    redis = createRedisTestContext();
    const connection = redis.connect('worker');
    const store = createRedisCalibrationStore(connection, redis.prefix);
    await connection.set(calibrationKey(redis.prefix, 'octo/repo', HERE), '{"not":"a calibration"}');
    expect(await store.get('octo/repo', HERE)).toBeNull();
    await connection.set(calibrationKey(redis.prefix, 'octo/repo', HERE), JSON.stringify(calibration(ELSEWHERE, 0.03)));
    expect(await store.get('octo/repo', HERE)).toBeNull();
  });
});

describe('the CLI calibration file', () => {
  it('keeps one calibration per fingerprint, forgets them after 30 days, and survives a damaged file', async () => {
    const file = path.join(await createTempDir('perfbot-calibration-'), 'perfbot', 'calibration.json');
    let now = new Date('2026-12-04T00:00:00Z');
    const store = createFileCalibrationStore(file, () => now);
    await store.save(calibration(HERE, 0.03));
    await store.save(calibration(ELSEWHERE, 0.09));
    expect(await store.get('/any/path', HERE)).toEqual(calibration(HERE, 0.03));
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')))).toEqual([HERE, ELSEWHERE]);
    expect(await store.get('/any/path', 'cccccccccccccccc')).toBeNull();
    now = new Date('2027-01-03T00:00:01Z');
    expect(await store.get('/any/path', HERE)).toBeNull();
    now = new Date('2026-12-04T00:00:00Z');
    await writeFile(file, '{ damaged');
    expect(await store.get('/any/path', HERE)).toBeNull();
    await store.save(calibration(HERE, 0.05));
    expect((await store.get('/any/path', HERE))?.benchmarks[0]?.noise).toBe(0.05);
  });
});
