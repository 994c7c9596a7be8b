export interface CancelledInput {
  /** Queued runs that were removed before they started. */
  removed: number;
  /** Running runs that were told to stop; they finish their current step first. */
  cancelling: number;
}

/** The reply to `/perf cancel`: what was removed, what is stopping, or that there was nothing to cancel. */
export function renderCancelled({ removed, cancelling }: CancelledInput): string {
  if (removed === 0 && cancelling === 0) {
    return 'ℹ️ Nothing to cancel: no Perfbot run is queued or running for this pull request.';
  }
  const parts: string[] = [];
  if (removed > 0) parts.push(`removed ${runs(removed, 'queued')} before ${removed === 1 ? 'it' : 'they'} started`);
  if (cancelling > 0) {
    const status = cancelling === 1 ? 'its status comment says' : 'their status comments say';
    parts.push(`stopping ${runs(cancelling, 'running')}; ${status} when it is done`);
  }
  const sentence = parts.join(', and ');
  return `🚫 ${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function runs(count: number, state: string): string {
  return count === 1 ? `1 ${state} run` : `${count} ${state} runs`;
}
