import { codeSpan, escapeMarkdownText, renderLogin } from '../markdown.ts';
import { formatDuration } from '../format.ts';
import { phaseLabel, type RunKind } from '../run-phases.ts';

/** One job as `/perf status` lists it. */
export interface StatusListJob {
  id: string;
  kind: RunKind | 'calibrate';
  /** The pull request or issue the job reports to. */
  target: { type: 'pull' | 'issue'; number: number };
  state: 'queued' | 'running';
  /** 1-based place in the queue, for queued jobs. */
  position?: number;
  /** The current phase name (see `run-phases.ts`), for running jobs. */
  phase?: string;
  /** Time since the job was accepted. */
  elapsedMs?: number;
  actor: string;
}

const KINDS: Record<StatusListJob['kind'], string> = {
  bench: 'benchmark',
  calibrate: 'calibration',
  optimize: 'optimization',
};

const STATES: Record<StatusListJob['state'], string> = {
  queued: '🕒 queued',
  running: '⏳ running',
};

/**
 * The reply to `/perf status`: the repository's queued and running jobs as a table, in the order given
 * (the queue's order). Logins are shown without pinging; unknown phase names are escaped.
 */
export function renderStatusList(jobs: readonly StatusListJob[]): string {
  if (jobs.length === 0) return 'No Perfbot jobs are queued or running for this repository.';
  const lines = [
    `**Perfbot jobs in this repository** (${jobs.length})`,
    '',
    '| Run | Kind | For | State | Phase | Elapsed | Requested by |',
    '| --- | --- | --- | --- | --- | --: | --- |',
  ];
  for (const job of jobs) {
    const cells = [
      codeSpan(job.id, 'table'),
      KINDS[job.kind],
      `${job.target.type === 'pull' ? 'PR' : 'issue'} #${job.target.number}`,
      job.position === undefined ? STATES[job.state] : `${STATES[job.state]}, position ${job.position}`,
      job.phase === undefined ? '—' : (phaseLabel(job.phase) ?? escapeMarkdownText(job.phase, 60)),
      job.elapsedMs === undefined ? '—' : formatDuration(job.elapsedMs),
      renderLogin(job.actor),
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
