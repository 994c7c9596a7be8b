import { PERMISSION_LEVELS, type RequiredPermission } from '../../github/repository-permission.ts';
import { renderLogin } from '../markdown.ts';

export interface PermissionDeniedInput {
  actor: string;
  /** The least access that may run commands (operator configuration). */
  minimum: RequiredPermission;
}

/**
 * The reply to a `/perf` command (or label) from someone without enough access. It says who can run commands,
 * so the reader knows whom to ask, and does not hint at anything else about the repository's permissions.
 */
export function renderPermissionDenied({ actor, minimum }: PermissionDeniedInput): string {
  const allowed = PERMISSION_LEVELS.slice(PERMISSION_LEVELS.indexOf(minimum)).map((level) => `**${level}**`);
  const levels = allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}`;
  return (
    `🔒 Sorry ${renderLogin(actor)}, Perfbot only runs \`/perf\` commands from people with ${levels} access to this repository, ` +
    "because a run executes the pull request's code on Perfbot's machines. " +
    'Ask a maintainer to comment the command for you.'
  );
}
