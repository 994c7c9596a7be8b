import { z } from 'zod';
import { isPermissionLevel, PERMISSION_LEVELS, type PermissionLevel } from './permission.ts';

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
