import type { BenchReport } from '../benchmark/bench-report.ts';
import type { BenchSettings } from '../benchmark/bench-settings.ts';
import { compareRefs, type CompareRefsInput } from '../benchmark/compare-refs.ts';
import type { BenchSessionDeps } from '../benchmark/run-bench-session.ts';
import type { Calibration } from '../benchmark/noise-calibration.ts';
import { calibrationFromReport } from './calibration-from-report.ts';
import type { MachineFingerprint } from './machine-fingerprint.ts';

/** Pairs of an A/A calibration: enough for the SD of the log-ratios to within ~±16%, short enough to run often. */
export const CALIBRATION_PAIRS = 20;

export interface CalibrateInput extends Omit<CompareRefsInput, 'base' | 'head' | 'settings' | 'calibration'> {
  repo: string;
  side: { ref: string; sha: string };
  settings: BenchSettings;
  fingerprint: MachineFingerprint;
  now: () => Date;
  /** `--runs N` of `perfbot calibrate`; else `CALIBRATION_PAIRS`. */
  pairs?: number;
}

/**
 * The A/A run: the same commit checked out twice and compared with itself in a fixed number of interleaved pairs
 * (no early stop, no planning by time), so every metric's paired noise is what this machine adds.
 */
export async function calibrateCommit(
  input: CalibrateInput,
  deps: BenchSessionDeps,
): Promise<{ calibration: Calibration; report: BenchReport }> {
  const { repo, side, fingerprint, now, pairs = CALIBRATION_PAIRS, ...rest } = input;
  const settings: BenchSettings = { ...input.settings, minPairs: pairs, maxPairs: pairs, planByTime: false };
  const report = await compareRefs({ ...rest, base: side, head: side, settings }, deps);
  const calibration = calibrationFromReport(report, {
    repo,
    fingerprint: fingerprint.id,
    machine: fingerprint.description,
    measuredAt: now().toISOString(),
  });
  return { calibration, report };
}
