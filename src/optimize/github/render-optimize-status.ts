import { renderDetails } from '../../reports/markdown.ts';
import { renderPhaseChecklist, runDuration } from '../../reports/render-phase-checklist.ts';
import { formatDuration } from '../../reports/format.ts';
import { renderStatusComment, type StatusOutcome } from '../../reports/render-status-comment.ts';
import type { RunPhaseStatus } from '../../reports/run-phases.ts';

export interface OptimizeStatusInput {
  phases: readonly RunPhaseStatus[];
  now: number;
  /** The commit the optimization starts from. */
  headSha: string;
  /** The branch it is based on, as the user knows it (the PR's base, or the default branch). */
  baseLabel: string;
  actor: string;
  runId: string;
  /** COMPLETE's `final-report.md` (rendered by Perfbot, untrusted parts already escaped). */
  finalReport?: string;
  /** How a run that never reached COMPLETE ended (failed before the pipeline, head moved…). */
  outcome?: StatusOutcome;
  /** A line shown under the checklist while running (e.g. that a restart will resume the run). */
  note?: string;
}

/**
 * The status comment of a `/perf optimize` run: the shared status comment (title, checklist, footer) while
 * it runs or when it failed early; once COMPLETE wrote the final report, the report comes first and the
 * checklist is collapsed under it, as for a benchmark report. Ends with a newline.
 */
export function renderOptimizeStatus(input: OptimizeStatusInput): string {
  const shared = renderStatusComment({
    kind: 'optimize',
    phases: input.phases,
    now: input.now,
    headSha: input.headSha,
    baseLabel: input.baseLabel,
    actor: input.actor,
    runId: input.runId,
    ...(input.outcome === undefined ? {} : { outcome: input.outcome }),
  }).trimEnd();
  const lines = shared.split('\n');
  const title = lines[0] ?? '';
  const footer = lines[lines.length - 1] ?? '';
  if (input.finalReport === undefined) {
    if (input.note === undefined) return `${shared}\n`;
    const body = lines.slice(0, -1).join('\n').trimEnd();
    return `${body}\n\n${input.note}\n\n${footer}\n`;
  }
  const duration = runDuration(input.phases, input.now);
  const summary = duration === undefined ? 'Run phases' : `Run phases (${formatDuration(duration)} in total)`;
  const checklist = renderDetails(summary, renderPhaseChecklist(input.phases, input.now));
  return `${title}\n\n${input.finalReport.trimEnd()}\n\n${checklist}\n\n${footer}\n`;
}
