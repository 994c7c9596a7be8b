import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Calibration } from '../benchmark/noise-calibration.ts';
import type { CalibrationStore } from './calibration-store.ts';
import { CALIBRATION_TTL_SECONDS } from './create-redis-calibration-store.ts';

/**
 * The CLI's store: one JSON file (`<git common dir>/perfbot/calibration.json` of the repository) holding a
 * calibration per fingerprint. Entries older than the Redis TTL (30 days) count as none, as they would in Redis.
 */
export function createFileCalibrationStore(file: string, now: () => Date = () => new Date()): CalibrationStore {
  return {
    async get(_repo, fingerprint) {
      const found = (await readAll(file))[fingerprint];
      const parsed = Calibration.safeParse(found);
      if (!parsed.success || parsed.data.fingerprint !== fingerprint) return null;
      const age = now().getTime() - Date.parse(parsed.data.measuredAt);
      return age <= CALIBRATION_TTL_SECONDS * 1000 ? parsed.data : null;
    },
    async save(calibration) {
      const record = Calibration.parse(calibration);
      const all = { ...(await readAll(file)), [record.fingerprint]: record };
      await mkdir(path.dirname(file), { recursive: true });
      // Written aside then renamed, so an interrupted write never leaves half a file.
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify(all, null, 2)}\n`);
      await rename(temp, file);
    },
  };
}

async function readAll(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {}; // a damaged file is no calibration; the next save replaces it
  }
}
