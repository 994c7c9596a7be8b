import type { Calibration } from '../benchmark/noise-calibration.ts';

/** Where calibrations are kept: Redis for the app, a JSON file under `.git/perfbot/` for the CLI. */
export interface CalibrationStore {
  /** The repository's calibration on this fingerprint, or null (none, expired, or unreadable). */
  get(repo: string, fingerprint: string): Promise<Calibration | null>;
  /** Replaces the repository's calibration on its fingerprint. */
  save(calibration: Calibration): Promise<void>;
}
