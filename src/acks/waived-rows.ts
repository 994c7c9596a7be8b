import type { BenchReport } from '../benchmark/bench-report.ts';
import { gateOffenders } from '../reports/bench-report/gate-offenders.ts';
import type { WaivedRow } from './acknowledgement.ts';

/** What a `/perf ack` of this report waives: the rows that fail its regression gate, largest change first. */
export function waivedRows(report: BenchReport): WaivedRow[] {
  return gateOffenders(report).map((row) => ({ benchmark: row.benchmark, metric: row.metric, change: row.change }));
}
