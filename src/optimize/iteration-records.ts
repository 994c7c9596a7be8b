import type { IterationRecord } from '../agents/prompt-variables.ts';
import type { HistoryEntry } from '../pipeline/pipeline-state.ts';

/** What the optimizer said it did in one iteration (agent-written, untrusted). */
export interface IterationSummary {
  iteration: number;
  summary: string;
}

/**
 * The earlier iterations as the prompts show them: the optimizer's own summary, and what Perfbot saw happen
 * to it, from the history (`changes made, tests failed`; `changes rejected`; `changes made, targets met,
 * blocking findings`).
 */
export function iterationRecords(history: readonly HistoryEntry[], summaries: readonly IterationSummary[]): IterationRecord[] {
  return summaries.map(({ iteration, summary }) => {
    const start = history.findIndex((entry) => entry.phase === 'optimize' && entry.iteration === iteration);
    const outcomes: string[] = [];
    for (const entry of start === -1 ? [] : history.slice(start)) {
      if (entry.iteration !== iteration || (entry.phase === 'optimize' && outcomes.length > 0)) break;
      if (entry.phase !== 'analyze') outcomes.push(entry.outcome);
    }
    return { iteration, summary, outcome: outcomes.length === 0 ? 'not finished' : outcomes.join(', ') };
  });
}
