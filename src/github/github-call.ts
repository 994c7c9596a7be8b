import type { Octokit } from '@octokit/rest';
import type { RepoRef } from './github-client.ts';
import { toGitHubError } from './to-github-error.ts';

/**
 * The slice of an Octokit instance the adapter uses. Both `@octokit/rest`'s `Octokit` and Probot's
 * `ProbotOctokit` satisfy it; pagination is done by hand so no plugin is required.
 */
export type OctokitRequester = Pick<Octokit, 'request' | 'graphql'>;

/** Runs one GitHub call, turning its failure into a typed error whose message starts with `action`. */
export async function githubCall<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toGitHubError(error, action);
  }
}

/** True when `error` is an HTTP failure with this status (checked before mapping, e.g. 404 = "no such file"). */
export function hasStatus(error: unknown, status: number): boolean {
  return error instanceof Error && 'status' in error && error.status === status;
}

/** Octokit's `{ owner, repo }` route parameters for a repository. */
export function repoParams(repo: RepoRef): { owner: string; repo: string } {
  return { owner: repo.owner, repo: repo.name };
}

/** `owner/name`, for messages. */
export function formatRepo(repo: RepoRef): string {
  return `${repo.owner}/${repo.name}`;
}

/** GitHub's schema types 64-bit ids as `number | bigint`; JSON parsing always yields numbers. */
export function toId(value: number | bigint): number {
  return Number(value);
}
