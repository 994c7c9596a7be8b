import { z } from 'zod';
import type { Permission } from '../config/repo-config.ts';
import type { GitHubClient, RepoRef } from './github-client.ts';

// Repository permission in one place: the levels, how GitHub's collaborator-permission API reports them, and
// reading a user's level on a repository. Intake authorizes with it, the run job re-authorizes with it, and the
// permission-denied reply names its levels.

/** Repository permission levels from least to most; each includes everything before it. */
export const PERMISSION_LEVELS = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

/**
 * The least a `/perf` trigger can require (perf.yml's `permission`, one of its `PERMISSIONS`): anything below
 * `write` could run code with the bot's resources.
 */
export type RequiredPermission = Permission;

export function isPermissionLevel(value: unknown): value is PermissionLevel {
  return (PERMISSION_LEVELS as readonly unknown[]).includes(value);
}

/**
 * Whether `actual` (a level from {@link collaboratorPermissionLevel}) is at least `minimum`.
 * Fails closed: any string that is not exactly one of {@link PERMISSION_LEVELS} (`'Admin'`, `''`, a custom
 * role name) has no permission.
 */
export function hasPermission(actual: string, minimum: RequiredPermission): boolean {
  if (!isPermissionLevel(actual)) return false;
  return PERMISSION_LEVELS.indexOf(actual) >= PERMISSION_LEVELS.indexOf(minimum);
}

/**
 * The fields we read from `GET /repos/{owner}/{repo}/collaborators/{username}/permission`:
 * `permission` is the legacy level (admin, write, read or none: maintain is reported as write, triage as read);
 * `role_name` is the full role (admin, maintain, write, triage, read, or a custom role's name).
 */
export const CollaboratorPermission = z.object({ permission: z.string(), role_name: z.string().optional() });
export type CollaboratorPermission = z.infer<typeof CollaboratorPermission>;

/** How `permission` reports each role. */
const LEGACY_LEVEL: Record<PermissionLevel, PermissionLevel> = {
  none: 'none',
  read: 'read',
  triage: 'read',
  write: 'write',
  maintain: 'write',
  admin: 'admin',
};

/**
 * The permission level of a collaborator, from the API response's `data`.
 * - `role_name` is used when it is one of the known levels, because it tells maintain from write and triage
 *   from read;
 * - a custom role (or no `role_name`) falls back to `permission`, which GitHub maps custom roles onto;
 * - if the two disagree (role admin but permission read), the lower level wins;
 * - anything unexpected (not an object, unknown `permission`) is `none`: authorization fails closed.
 */
export function collaboratorPermissionLevel(data: unknown): PermissionLevel {
  const parsed = CollaboratorPermission.safeParse(data);
  if (!parsed.success || !isPermissionLevel(parsed.data.permission)) return 'none';
  const { permission, role_name: role } = parsed.data;
  if (!isPermissionLevel(role)) return permission;
  if (LEGACY_LEVEL[role] === permission) return role;
  return PERMISSION_LEVELS.indexOf(role) < PERMISSION_LEVELS.indexOf(permission) ? role : permission;
}

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
