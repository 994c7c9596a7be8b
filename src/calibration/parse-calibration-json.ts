import { Calibration } from '../benchmark/noise-calibration.ts';

/** A stored record, or null when it is not JSON or not a calibration (never trusted as it is). */
export function parseCalibrationJson(raw: string): Calibration | null {
  try {
    const parsed = Calibration.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
