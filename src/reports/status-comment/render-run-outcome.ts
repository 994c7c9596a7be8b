import { renderBenchReport } from '../bench-report/render-bench-report.ts';
import { renderFailure } from '../failure/render-failure.ts';
import { renderHeadMoved } from '../render-head-moved.ts';
import { renderLogin } from '../markdown.ts';
import type { RunOutcome } from '../run-outcome.ts';
import type { RunKind } from '../run-phases.ts';

/**
 * How a run ended, as the last section of its status comment (no trailing newline). `afterVerdict`: paragraphs
 * shown right under a report's verdict (acknowledgements); other outcomes have no verdict and ignore them.
 */
export function renderRunOutcome(outcome: RunOutcome, kind: RunKind, afterVerdict: readonly string[] = []): string {
  switch (outcome.type) {
    case 'report':
      return renderBenchReport(outcome.report, { afterVerdict }).trimEnd();
    case 'failed':
      return renderFailure(outcome.failure);
    case 'cancelled':
      return outcome.by === undefined
        ? '🚫 **Cancelled** before it finished.'
        : `🚫 **Cancelled** by ${renderLogin(outcome.by)} before it finished.`;
    case 'head-moved':
      return renderHeadMoved({
        pinned: outcome.pinned,
        current: outcome.current,
        command: kind === 'bench' ? '/perf bench' : '/perf optimize',
      });
  }
}
