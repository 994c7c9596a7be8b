import { describe, expect, it } from 'vitest';
import {
  collaboratorPermissionLevel,
  hasPermission,
  PERMISSION_LEVELS,
  type RequiredPermission,
} from '../../../src/github/repository-permission.ts';

describe('hasPermission', () => {
  const table: Array<[actual: string, write: boolean, maintain: boolean, admin: boolean]> = [
    ['admin', true, true, true],
    ['maintain', true, true, false],
    ['write', true, false, false],
    ['triage', false, false, false],
    ['read', false, false, false],
    ['none', false, false, false],
    // Unknown values fail closed.
    ['Admin', false, false, false],
    ['ADMIN', false, false, false],
    ['', false, false, false],
    ['owner', false, false, false],
    ['custom-perf-role', false, false, false],
    [' admin', false, false, false],
  ];
  it.each(table)('%j: write %s, maintain %s, admin %s', (actual, write, maintain, admin) => {
    const allowed = (minimum: RequiredPermission) => hasPermission(actual, minimum);
    expect({ write: allowed('write'), maintain: allowed('maintain'), admin: allowed('admin') }).toEqual({
      write,
      maintain,
      admin,
    });
  });

  it('levels are ordered from least to most', () => {
    expect(PERMISSION_LEVELS).toEqual(['none', 'read', 'triage', 'write', 'maintain', 'admin']);
  });
});

describe('collaboratorPermissionLevel (GET /repos/{owner}/{repo}/collaborators/{username}/permission)', () => {
  it.each<[data: unknown, level: string]>([
    // What GitHub returns for each built-in role: role_name tells maintain from write and triage from read.
    [{ permission: 'admin', role_name: 'admin' }, 'admin'],
    [{ permission: 'write', role_name: 'maintain' }, 'maintain'],
    [{ permission: 'write', role_name: 'write' }, 'write'],
    [{ permission: 'read', role_name: 'triage' }, 'triage'],
    [{ permission: 'read', role_name: 'read' }, 'read'],
    [{ permission: 'none', role_name: 'none' }, 'none'],
    // A custom role falls back to the legacy permission GitHub maps it onto.
    [{ permission: 'write', role_name: 'perf-engineer' }, 'write'],
    [{ permission: 'read', role_name: 'perf-engineer' }, 'read'],
    // Without role_name (older GitHub Enterprise Server), the legacy permission.
    [{ permission: 'write' }, 'write'],
    [{ permission: 'admin', user: { login: 'octocat' } }, 'admin'],
    // Contradictions take the lower level.
    [{ permission: 'read', role_name: 'admin' }, 'read'],
    [{ permission: 'admin', role_name: 'triage' }, 'triage'],
    [{ permission: 'write', role_name: 'admin' }, 'write'],
    // Anything unexpected fails closed.
    [{ permission: 'superuser', role_name: 'admin' }, 'none'],
    [{ permission: 'Admin' }, 'none'],
    [{ role_name: 'admin' }, 'none'],
    [{ permission: 3 }, 'none'],
    [{}, 'none'],
    [null, 'none'],
    ['admin', 'none'],
  ])('%j → %s', (data, level) => {
    expect(collaboratorPermissionLevel(data)).toBe(level);
  });

  it('with hasPermission: only admin, maintain and write may trigger a run', () => {
    const roles = ['admin', 'maintain', 'write', 'triage', 'read', 'none'];
    const legacy: Record<string, string> = { maintain: 'write', triage: 'read' };
    const allowed = roles.filter((role) =>
      hasPermission(collaboratorPermissionLevel({ permission: legacy[role] ?? role, role_name: role }), 'write'),
    );
    expect(allowed).toEqual(['admin', 'maintain', 'write']);
  });
});
