import { UsageError } from '../../domain/errors.ts';
import type { RunFailure } from '../../reports/run-failure.ts';

/**
 * `/perf optimize` reached a Perfbot whose operator configured no agents (`PERFBOT_CONFIG`). A user error (the
 * job is not retried), with its own words for the status comment: nothing in the pull request can fix it.
 */
export class NoAgentsConfiguredError extends UsageError {
  readonly failure: RunFailure = {
    title: 'This Perfbot has no agents configured',
    problem: 'this Perfbot has no agents configured (`PERFBOT_CONFIG`), so it cannot run `/perf optimize`.',
    fix: 'Ask whoever runs this Perfbot to set `PERFBOT_CONFIG` to a file that lists at least one agent. `/perf bench` works without one.',
  };

  constructor() {
    super('this Perfbot has no agents configured (PERFBOT_CONFIG), so it cannot run /perf optimize');
  }
}
