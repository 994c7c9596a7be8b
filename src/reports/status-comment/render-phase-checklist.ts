import { escapeMarkdownText } from '../markdown.ts';
import { formatDuration } from '../format.ts';
import { phaseLabel, type RunPhaseState, type RunPhaseStatus } from '../run-phases.ts';

/** Emoji, not GFM task-list boxes: anyone with write access could tick a task-list box and edit our comment. */
export const PHASE_STATE_EMOJI: Readonly<Record<RunPhaseState, string>> = {
  pending: '⬜',
  running: '⏳',
  done: '✅',
  failed: '❌',
  skipped: '⏭️',
  cancelled: '🚫',
};

/**
 * The phases of a run as a list, one line each: emoji, label (bold while running), detail, and duration:
 * `- ✅ Check out base and head (12.0 s)`, `- ⏳ **Measure (interleaved pairs)** — pair 4 of 20 (1 min 05 s so far)`.
 * A running phase's duration is measured up to `now`, so the text depends only on its inputs.
 */
export function renderPhaseChecklist(phases: readonly RunPhaseStatus[], now: number): string {
  return phases.map((phase) => renderPhaseLine(phase, now)).join('\n');
}

/** Wall time from the first phase's start to the last phase's end (or `now` while one is running). */
export function runDuration(phases: readonly RunPhaseStatus[], now: number): number | undefined {
  const starts = phases.flatMap((phase) => (phase.startedAt === undefined ? [] : [phase.startedAt]));
  const ends = phases.flatMap((phase) => {
    const end = phaseEnd(phase, now);
    return end === undefined ? [] : [end];
  });
  if (starts.length === 0 || ends.length === 0) return undefined;
  return Math.max(0, Math.max(...ends) - Math.min(...starts));
}

function renderPhaseLine(phase: RunPhaseStatus, now: number): string {
  const known = phaseLabel(phase.name);
  const label = known ?? escapeMarkdownText(phase.name, 100);
  const title = phase.state === 'running' ? `**${label}**` : label;
  const detail =
    phase.detail === undefined || phase.detail.trim() === '' ? '' : ` — ${escapeMarkdownText(phase.detail, 200)}`;
  return `- ${PHASE_STATE_EMOJI[phase.state]} ${title}${detail}${renderPhaseDuration(phase, now)}`;
}

function renderPhaseDuration(phase: RunPhaseStatus, now: number): string {
  const end = phaseEnd(phase, now);
  if (phase.startedAt === undefined || end === undefined) return '';
  const elapsed = formatDuration(Math.max(0, end - phase.startedAt));
  return phase.state === 'running' ? ` (${elapsed} so far)` : ` (${elapsed})`;
}

/** Pending and skipped phases have no duration even if a time was recorded; a running one ends "now". */
function phaseEnd(phase: RunPhaseStatus, now: number): number | undefined {
  if (phase.state === 'pending' || phase.state === 'skipped' || phase.startedAt === undefined) return undefined;
  if (phase.state === 'running') return now;
  return phase.endedAt;
}
