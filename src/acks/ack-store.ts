import type { Acknowledgement } from './acknowledgement.ts';
import type { FailedRunRecord } from './failed-run-record.ts';

/** Where bench runs leave their gate failures and `/perf ack` records its acknowledgements, per pull request. */
export interface AckStore {
  /** Remembers the pull request's latest run that failed the regression gate (replacing an older one). */
  saveFailedRun(repoId: number, pr: number, record: FailedRunRecord): Promise<void>;
  getFailedRun(repoId: number, pr: number): Promise<FailedRunRecord | null>;
  /** Records an ack under (repo, pull request, head SHA); a later ack of the same SHA replaces it. */
  saveAck(ack: Acknowledgement): Promise<void>;
  /** The pull request's acks, newest first. */
  listAcks(repoId: number, pr: number): Promise<Acknowledgement[]>;
}
