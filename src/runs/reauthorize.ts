import { PermissionDeniedError } from '../domain/errors.ts';
import type { GitHubClient, RepoRef } from '../github/github-client.ts';
import type { RunJobData } from '../queue/run-job-data.ts';
import { hasPermission, readPermissionLevel } from '../github/repository-permission.ts';

/**
 * Checks again, when the job starts, that the requester still has `minimum` on the repository: access can be
 * lost while a run waits in the queue. An unknown user (a user error from GitHub) has no permission.
 * @throws PermissionDeniedError (a user error) when the permission is missing.
 */
export async function reauthorize(
  github: GitHubClient,
  repo: RepoRef,
  data: RunJobData,
  minimum: 'write' | 'maintain' | 'admin',
): Promise<void> {
  const level = await readPermissionLevel(github, repo, data.actor.login);
  if (!hasPermission(level, minimum)) throw new PermissionDeniedError(data.actor.login, minimum);
}
