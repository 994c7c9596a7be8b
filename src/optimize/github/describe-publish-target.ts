import { codeSpan, renderLogin } from '../../reports/markdown.ts';
import type { PullRequestInfo } from '../../github/github-client.ts';
import type { RunJobData } from '../../queue/run-job-data.ts';
import type { PublishTarget } from './create-github-publisher.ts';

/**
 * Where a run's commit goes. A pull request trigger: a new pull request against the PR's head branch, so the
 * author can merge the optimization into their own change — or, with `optimize.pushToPrBranch`, the commit
 * pushed onto that branch itself. A fork's branch is in another repository, which Perfbot neither pushes to
 * nor can target with a pull request: with `optimize.forkPullRequests: push` the new pull request goes against
 * the PR's base branch (by default a fork's run publishes a patch comment instead and this target is unused). An issue
 * label: a pull request against the default branch that references the issue.
 */
export function describePublishTarget(input: {
  data: RunJobData;
  pull: PullRequestInfo | undefined;
  defaultBranch: string;
  pushToPrBranch: boolean;
  /** The run's status comment, linked from the pull request body. */
  statusUrl: string | undefined;
}): PublishTarget {
  const { data, pull } = input;
  const requested = `Requested by ${renderLogin(data.actor.login)} in #${data.target.number}${input.statusUrl === undefined ? '' : ` ([run status](${input.statusUrl}))`}.`;
  if (pull === undefined) {
    return {
      kind: 'pull-request',
      base: input.defaultBranch,
      intro: `Performance optimization for #${data.target.number}.\n\n${requested}`,
    };
  }
  if (!pull.isFork && input.pushToPrBranch) {
    return {
      kind: 'pr-branch',
      branch: pull.headRef,
      number: pull.number,
      url: pullUrlOf(input.statusUrl, pull.number),
    };
  }
  const base = pull.isFork ? pull.baseRef : pull.headRef;
  const into = pull.isFork
    ? `into ${codeSpan(pull.baseRef)} (the head branch of #${pull.number} is in a fork)`
    : `into the branch of #${pull.number}`;
  return {
    kind: 'pull-request',
    base,
    intro: `Performance optimization of #${pull.number}, to merge ${into}.\n\n${requested}`,
  };
}

/** The PR's web address, from the status comment's (`…/pull/7#issuecomment-1`); '' when unknown. */
function pullUrlOf(statusUrl: string | undefined, number: number): string {
  const match = statusUrl === undefined ? null : /^(https?:\/\/.+\/pull\/)\d+/.exec(statusUrl);
  return match === null ? '' : `${match[1]}${number}`;
}
