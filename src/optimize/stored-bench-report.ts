import { z } from 'zod';
import type { BenchReport } from '../benchmark/bench-report.ts';

/**
 * The engine's report of one VERIFY as kept in the run files (`verify-<iteration>.json`). Perfbot wrote it, so
 * the check is for the shape the readers rely on, not a full schema of every field.
 */
export const StoredBenchReport = z.custom<BenchReport>((value) => {
  const report = value as Partial<BenchReport> | null;
  return (
    typeof report === 'object' &&
    report !== null &&
    Array.isArray(report.comparisons) &&
    Array.isArray(report.geomean) &&
    typeof report.method?.confidence === 'number'
  );
}, 'not a benchmark report');

/** The run-files name of the CONFIRM report of the change of `iteration`. */
export function confirmReportName(iteration: number): string {
  return `confirm-${iteration}.json`;
}

/** The run-files name of an iteration's VERIFY report. */
export function verifyReportName(iteration: number): string {
  return `verify-${iteration}.json`;
}
