import { perfbotKey } from '../queue/queue-names.ts';

/**
 * `<prefix>:perfbot:calibration:<owner/name>:<fingerprint>`: one record per repository and machine, so a
 * calibration can only ever be found again by a worker with the same fingerprint.
 */
export function calibrationKey(prefix: string, repo: string, fingerprint: string): string {
  return perfbotKey(prefix, 'calibration', repo.toLowerCase(), fingerprint);
}
