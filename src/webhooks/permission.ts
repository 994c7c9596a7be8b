/** Repository permission levels from least to most; each includes everything before it. */
export const PERMISSION_LEVELS = ['none', 'read', 'triage', 'write', 'maintain', 'admin'] as const;
export type PermissionLevel = (typeof PERMISSION_LEVELS)[number];

/** The least a `/perf` trigger can require: anything below `write` could run code with the bot's resources (T3). */
export type RequiredPermission = 'write' | 'maintain' | 'admin';

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
