import { collaboratorPermissionLevel } from '../webhooks/collaborator-permission-level.ts';
import type { PermissionLevel } from '../webhooks/permission.ts';
import type { GitHubClient, RepoRef } from './github-client.ts';

/**
 * A user's permission level on a repository from the collaborator-permission API. A user GitHub does not know
 * (404, a user error) has none — authorization fails closed; transient errors are thrown for a retry.
 */
export async function readPermissionLevel(
  github: GitHubClient,
  repo: RepoRef,
  login: string,
): Promise<PermissionLevel> {
  try {
    const p = await github.getPermission(repo, login);
    return collaboratorPermissionLevel({ permission: p.permission, role_name: p.roleName });
  } catch (error) {
    if ((error as { userError?: boolean }).userError) return 'none';
    throw error;
  }
}
