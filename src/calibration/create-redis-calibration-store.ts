import type { Redis } from 'ioredis';
import { Calibration } from '../benchmark/noise-calibration.ts';
import { calibrationKey } from './calibration-key.ts';
import type { CalibrationStore } from './calibration-store.ts';
import { parseCalibrationJson } from './parse-calibration-json.ts';

/** A machine's noise drifts (other tenants, kernel updates within a version): measure again after 30 days. */
export const CALIBRATION_TTL_SECONDS = 30 * 24 * 3600;

/** The store in Redis: one JSON record per repository and fingerprint (`calibrationKey`), expiring after 30 days. */
export function createRedisCalibrationStore(redis: Redis, prefix: string): CalibrationStore {
  return {
    async get(repo, fingerprint) {
      const raw = await redis.get(calibrationKey(prefix, repo, fingerprint));
      const calibration = raw === null ? null : parseCalibrationJson(raw);
      // The key already names the fingerprint; checking the record too keeps a mislabelled one from being reused.
      return calibration?.fingerprint === fingerprint ? calibration : null;
    },
    async save(calibration) {
      const record = Calibration.parse(calibration);
      await redis.set(
        calibrationKey(prefix, record.repo, record.fingerprint),
        JSON.stringify(record),
        'EX',
        CALIBRATION_TTL_SECONDS,
      );
    },
  };
}
