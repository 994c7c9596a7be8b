import { z } from 'zod';
import { UsageError } from '../../domain/errors.ts';
import type { RunFiles } from '../run-files.ts';

/** What a local run was started on; checked when the same task is run again, so a resume cannot switch commits. */
export const LocalRunRecord = z.strictObject({
  task: z.string(),
  startRef: z.string(),
  startSha: z.string().regex(/^[0-9a-f]{40}$/),
});
export type LocalRunRecord = z.infer<typeof LocalRunRecord>;

const FILE = 'run.json';

/**
 * The record of the run in `files`, written on first use. A record for another starting commit means the task
 * name is reused for different work: that is refused rather than resumed from the wrong commit.
 */
export async function claimLocalRun(files: RunFiles, record: LocalRunRecord): Promise<LocalRunRecord> {
  const existing = await files.readData(FILE, LocalRunRecord);
  if (existing === undefined) {
    await files.writeData(FILE, record);
    return record;
  }
  if (existing.startSha !== record.startSha) {
    throw new UsageError(
      `run ${record.task} was started at ${existing.startSha.slice(0, 7)} (${existing.startRef}), not at ${record.startSha.slice(0, 7)}; ` +
        'pass --fresh to start it over from the new commit, or --task NAME for a separate run',
    );
  }
  return existing;
}
