import { codeSpan, renderCommit, renderDetails, renderLink, renderLogin } from '../markdown.ts';
import { formatDuration } from '../format.ts';
import { renderAcknowledgement, renderPreviousAcknowledgement, type AckNote } from '../render-acknowledgement.ts';
import { renderPhaseChecklist, runDuration } from './render-phase-checklist.ts';
import { renderRunOutcome } from './render-run-outcome.ts';
import type { RunOutcome } from '../run-outcome.ts';
import type { RunKind, RunPhaseStatus } from '../run-phases.ts';

export interface StatusCommentInput {
  kind: RunKind;
  phases: readonly RunPhaseStatus[];
  /** The time the comment is rendered at (epoch ms); running phases show their duration up to it. */
  now: number;
  /** The head commit the run is pinned to. */
  headSha: string;
  /** What head is compared against, as the user knows it: the base branch, or the `--vs` ref. */
  baseLabel: string;
  /** Login of the person who started the run (shown, never pinged). */
  actor: string;
  runId: string;
  /** Absent while the run is in progress. */
  outcome?: RunOutcome;
  /** The run's `perf` check run: an absolute `https:` URL, anything else is left out. */
  links?: { checkRun?: string };
  /** The `/perf ack` that waived this run's regression: a line under the verdict. */
  acknowledgement?: AckNote;
  /** The pull request's latest earlier ack (another run's), mentioned under the verdict: it does not carry over. */
  previousAcknowledgement?: AckNote;
  /**
   * An optimize run's `final-report.md` (rendered by Perfbot, untrusted parts already escaped): shown like a
   * bench report, first, with the checklist collapsed under it.
   */
  finalReport?: string;
  /** A line above the footer while the run is not over (e.g. that a restart will resume it). */
  note?: string;
}

const TITLES: Record<RunKind, { emoji: string; name: string; separator: string }> = {
  bench: { emoji: '⏱️', name: 'Perfbot benchmark', separator: 'vs base' },
  optimize: { emoji: '⚡', name: 'Perfbot optimization', separator: 'from base' },
};

/**
 * The marker of run `jobId`'s status comment (`<!-- perfbot:run-<jobId> -->`), by which every writer finds it:
 * the run itself, a calibration, the abandoned-run finalizer and `/perf ack`.
 */
export function statusCommentMarker(jobId: string): string {
  return `run-${jobId}`;
}

/**
 * Perfbot's one comment per run, created when the run is accepted and edited as it progresses:
 *
 * 1. a title: `### ⏱️ Perfbot benchmark — head `abc1234` vs base `main``;
 * 2. while running, and when the run failed or stopped: the phase checklist, then how it ended;
 *    with a report: the report first (verdict first, then the `/perf ack` lines), the checklist collapsed below
 *    it with the total time;
 *    an optimize run's final report takes the report's place;
 * 3. the note, if any;
 * 4. a footer: `<sub>requested by @octocat · run `42` · [check run](…) · `/perf help`</sub>`.
 *
 * Pure and deterministic given `now`. Untrusted text (refs, logins, failure messages) is escaped; the actor
 * is written as `@login` with an invisible joiner, so editing the comment never pings anyone. Ends with a newline.
 */
export function renderStatusComment(input: StatusCommentInput): string {
  const { kind, phases, now, outcome } = input;
  const title = TITLES[kind];
  const sections = [
    `### ${title.emoji} ${title.name} — head ${renderCommit(input.headSha)} ${title.separator} ${codeSpan(input.baseLabel)}`,
  ];
  const checklist = renderPhaseChecklist(phases, now);
  const report =
    input.finalReport?.trimEnd() ??
    (outcome?.type === 'report' ? renderRunOutcome(outcome, kind, renderAckNotes(input)) : undefined);
  if (report !== undefined) {
    sections.push(report);
    if (checklist !== '') {
      const duration = runDuration(phases, now);
      const summary = duration === undefined ? 'Run phases' : `Run phases (${formatDuration(duration)} in total)`;
      sections.push(renderDetails(summary, checklist));
    }
  } else {
    if (checklist !== '') sections.push(checklist);
    if (outcome !== undefined) sections.push(renderRunOutcome(outcome, kind));
  }
  if (input.note !== undefined) sections.push(input.note);
  sections.push(renderFooter(input));
  return `${sections.join('\n\n')}\n`;
}

function renderAckNotes({ acknowledgement, previousAcknowledgement }: StatusCommentInput): string[] {
  const notes: string[] = [];
  if (acknowledgement !== undefined) notes.push(renderAcknowledgement(acknowledgement));
  if (previousAcknowledgement !== undefined) notes.push(renderPreviousAcknowledgement(previousAcknowledgement));
  return notes;
}

function renderFooter({ actor, runId, links }: StatusCommentInput): string {
  const parts = [`requested by ${renderLogin(actor)}`, `run ${codeSpan(runId)}`];
  const checkRun = links?.checkRun === undefined ? undefined : renderLink('check run', links.checkRun);
  if (checkRun !== undefined) parts.push(checkRun);
  parts.push('`/perf help`');
  return `<sub>${parts.join(' · ')}</sub>`;
}
