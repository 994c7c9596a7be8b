import type { GitHubClient } from './github-client.ts';
import type { OctokitRequester } from './github-call.ts';
import { createOctokitCheckRunMethods } from './octokit-check-run-methods.ts';
import { createOctokitCommentMethods } from './octokit-comment-methods.ts';
import { createOctokitPullMethods } from './octokit-pull-methods.ts';
import { createOctokitRepoMethods } from './octokit-repo-methods.ts';

export interface OctokitGitHubClientOptions {
  /**
   * An authenticated Octokit (an installation's `ProbotOctokit`, or one from `createGitHubOctokit`).
   * Write spacing and retries are the Octokit's job: give it the throttling and retry plugins.
   */
  octokit: OctokitRequester;
  /** The app's bot login (`perfbot[bot]`): only its comments are ever edited by `upsertComment`. */
  botLogin?: string;
}

/** The `GitHubClient` port over GitHub's REST and GraphQL APIs. */
export function createOctokitGitHubClient({ octokit, botLogin }: OctokitGitHubClientOptions): GitHubClient {
  return {
    ...createOctokitRepoMethods(octokit),
    ...createOctokitPullMethods(octokit),
    ...createOctokitCommentMethods(octokit, botLogin),
    ...createOctokitCheckRunMethods(octokit),
  };
}
