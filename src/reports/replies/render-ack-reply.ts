import { renderAcknowledgement, renderReason, formatUtcMinute, type AckNote } from '../render-acknowledgement.ts';
import { renderCommit, renderLogin } from '../markdown.ts';

/** Why `/perf ack` had nothing to do (see `planAcknowledgement`). */
export interface NothingToAcknowledge {
  reason: 'no-check' | 'running' | 'passed' | 'already' | 'not-a-regression' | 'newer-than-command' | 'self-ack';
  /** The pull request's head now. */
  headSha: string;
  /** The latest `perf` check run's conclusion, for `passed`. */
  conclusion?: string;
  /** The ack already recorded, for `already`. */
  existing?: AckNote;
  /** The commit of the regression Perfbot has on record, when the head moved since. */
  movedFrom?: string;
}

/** The reply to a `/perf ack` that waived a regression. */
export function renderAckDone(ack: AckNote): string {
  return `${renderAcknowledgement(ack)}\n\nThis holds for ${renderCommit(ack.headSha)} only: after a new push, a new run that fails needs a new \`/perf ack\`.`;
}

/** The reply to a `/perf ack` with nothing to acknowledge: why, and what to do instead. */
export function renderNothingToAck(nothing: NothingToAcknowledge): string {
  const head = renderCommit(nothing.headSha);
  if (nothing.movedFrom !== undefined && (nothing.reason === 'no-check' || nothing.reason === 'not-a-regression')) {
    return (
      `ℹ️ **Nothing to acknowledge: the head moved.** The regression Perfbot found was on ${renderCommit(nothing.movedFrom)}, ` +
      `and this pull request's head is now ${head}, which has no failed \`perf\` check; an ack holds for one commit only. ` +
      'Comment `/perf bench` to benchmark the new head, and `/perf ack` if that run fails.'
    );
  }
  switch (nothing.reason) {
    case 'no-check':
      return `ℹ️ **Nothing to acknowledge:** the head ${head} has no \`perf\` check run. Comment \`/perf bench\` to benchmark it, and \`/perf ack\` if that run fails.`;
    case 'running':
      return `⏳ **Nothing to acknowledge yet:** the \`perf\` check of ${head} is still running. Comment \`/perf ack\` again if it fails.`;
    case 'passed':
      return `ℹ️ **Nothing to acknowledge:** the latest \`perf\` check of ${head} did not fail (its conclusion is \`${nothing.conclusion ?? 'unknown'}\`).`;
    case 'already': {
      const ack = nothing.existing;
      const by =
        ack === undefined
          ? ''
          : ` by ${renderLogin(ack.login)} on ${formatUtcMinute(ack.at)}${renderReason(ack.reason)}`;
      return `ℹ️ **Nothing to acknowledge:** the regression of ${head} was already acknowledged${by}.`;
    }
    case 'newer-than-command':
      return (
        `ℹ️ **Nothing acknowledged:** the latest \`perf\` check of ${head} finished after your comment, so it is not the ` +
        'result you read (a push or a new run came in between). Read its report, then comment `/perf ack` again.'
      );
    case 'self-ack':
      return (
        `ℹ️ **Not acknowledged:** this repository's perf.yml (\`triggers.selfAck: false\`) asks that someone other than ` +
        `the pull request's author accept its regressions. The regression of ${head} stands until another maintainer comments \`/perf ack\`.`
      );
    case 'not-a-regression':
      return (
        `ℹ️ **Nothing to acknowledge:** the latest \`perf\` check of ${head} failed, but not on a regression Perfbot has on record: ` +
        'the run itself failed (its status comment says why), or its record has expired. `/perf ack` accepts regressions only; ' +
        'fix the failure or comment `/perf bench` again.'
      );
  }
}
