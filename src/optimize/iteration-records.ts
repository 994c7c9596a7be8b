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
 * blocking findings`; `changes made, trade-off broken: mix 41.0% slower …`; `changes made, targets not met:
 * parse 3.0% faster …, target 20%; reverted to iteration 1, the best so far`), so the agent does not repeat an idea
 * that did not pay.
 */
export function iterationRecords(
  history: readonly HistoryEntry[],
  summaries: readonly IterationSummary[],
): IterationRecord[] {
  return summaries.map(({ iteration, summary }) => {
    const start = history.findIndex((entry) => entry.phase === 'optimize' && entry.iteration === iteration);
    const outcomes: string[] = [];
    for (const entry of start === -1 ? [] : history.slice(start)) {
      if (entry.iteration !== iteration || (entry.phase === 'optimize' && outcomes.length > 0)) break;
      // What VERIFY measured is only useful with the figures and what became of the change (the note:
      // `slowSum 4.0% faster …, target 20%; reverted to iteration 1, the best so far`; `trade-off broken: mix …`).
      if (entry.phase === 'verify' && entry.note !== undefined)
        outcomes.push(entry.note.startsWith(entry.outcome) ? entry.note : `${entry.outcome}: ${entry.note}`);
      else if (entry.phase !== 'analyze') outcomes.push(entry.outcome);
    }
    return { iteration, summary, outcome: outcomes.length === 0 ? 'not finished' : outcomes.join(', ') };
  });
}
