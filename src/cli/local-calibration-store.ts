import path from 'node:path';
import { createFileCalibrationStore } from '../calibration/create-file-calibration-store.ts';
import type { CalibrationStore } from '../calibration/calibration-store.ts';
import { resolveStateDir } from '../optimize/local/resolve-state-dir.ts';

/** The CLI's calibrations: `<git common dir>/perfbot/calibration.json`, beside the optimize state. */
export async function localCalibrationStore(repo: string): Promise<CalibrationStore> {
  return createFileCalibrationStore(path.join(await resolveStateDir(repo), 'calibration.json'));
}
