/**
 * Mints short-lived installation tokens limited to one repository and the fewest permissions a step needs
 * (read to fetch, write only right before a push). App-level, so kept apart from `GitHubClient`.
 * Tokens expire after an hour: mint one right before use, never store it in job data, logs or git config.
 */
export interface TokenIssuer {
  issue(request: TokenRequest): Promise<IssuedToken>;
}

export type PermissionLevel = 'read' | 'write';

/** Installation permissions a token may carry; anything not listed is not granted. */
export interface TokenPermissions {
  contents?: PermissionLevel;
  pull_requests?: PermissionLevel;
  issues?: PermissionLevel;
  checks?: PermissionLevel;
  metadata?: 'read';
}

export interface TokenRequest {
  installationId: number;
  /** The repositories the token can reach: Perfbot always passes exactly one. */
  repositoryIds: number[];
  permissions: TokenPermissions;
}

export interface IssuedToken {
  /** The secret itself. Register it with the redactor before using it anywhere that can print. */
  token: string;
  /** ISO 8601 time after which GitHub rejects it. */
  expiresAt: string;
  /** What GitHub actually granted. */
  permissions: Record<string, string>;
  repositoryIds: number[];
}
