import type { FakeGitHubState, FakeRepo } from './fake-github-state.ts';
import type { FakeResponse, RoutePermission } from './fake-github-router.ts';

/** What the fake's installation was granted: app.yml's permissions (metadata read comes with any of them). */
export const INSTALLATION_PERMISSIONS: Readonly<Record<string, 'read' | 'write'>> = {
  metadata: 'read',
  contents: 'write',
  pull_requests: 'write',
  issues: 'write',
  checks: 'write',
};

function grants(granted: Record<string, string>, needed: string): boolean {
  const [name = '', level = ''] = needed.split(':');
  const has = name === 'metadata' ? 'read' : granted[name];
  return has === 'write' || (has === 'read' && level === 'read');
}

/**
 * GitHub's answer when the request's installation token may not make this call, or undefined when it may. A
 * token the fake did not mint (a test's hand-made token) stands for one with every permission of the installation.
 */
export function permissionRefusal(
  state: FakeGitHubState,
  authorization: string | undefined,
  needed: RoutePermission | undefined,
  repo: FakeRepo | undefined,
): FakeResponse | undefined {
  const secret = /^(?:token|bearer)\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const issued = state.issuedTokens.find((t) => t.token === secret);
  if (issued === undefined) return undefined;
  // A token limited to some repositories does not see the others at all, as on GitHub.
  if (repo !== undefined && issued.repositoryIds !== 'all' && !issued.repositoryIds.includes(repo.id)) {
    return {
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' },
    };
  }
  if (needed === undefined || needed.some((n) => grants(issued.permissions, n))) return undefined;
  return {
    status: 403,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest',
      status: '403',
    },
  };
}
