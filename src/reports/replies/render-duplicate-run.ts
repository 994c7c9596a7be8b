import { codeSpan, renderLink } from '../markdown.ts';

export interface DuplicateRunInput {
  /** The run that is already queued or running. */
  jobId: string;
  /** Its status comment, when known. */
  runUrl?: string;
}

/** The reply to a command that asks for exactly the run that is already queued or running. */
export function renderDuplicateRun({ jobId, runUrl }: DuplicateRunInput): string {
  const link = runUrl === undefined ? undefined : renderLink('its status', runUrl);
  const where = link === undefined ? '' : ` (see ${link})`;
  return (
    `👀 The same run is already queued or running: run ${codeSpan(jobId)}${where}. ` +
    'Perfbot did not start it twice. To start over, comment `/perf cancel` and then the command again.'
  );
}
